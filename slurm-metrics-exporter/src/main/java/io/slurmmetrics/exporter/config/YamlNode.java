package io.slurmmetrics.exporter.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One node of a YAML file, read strictly: every accessor knows its key path and line, so an error reads
 * {@code exporter.yml:12: clusters[1].url: "ftp://x" is not ...}. Maps remember which keys were read;
 * {@link #rejectUnknownKeys} turns any other key into an error naming it.
 */
public final class YamlNode {
  private final String file;
  private final String path;
  private final Node node;
  private final Map<String, YamlNode> children;
  /** The key nodes of a mapping: an unknown key is reported on its own line, not its value's. */
  private final Map<String, YamlNode> keyNodes = new LinkedHashMap<>();

  private YamlNode(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
    this.children = node instanceof MappingNode ? new LinkedHashMap<>() : Map.of();
  }

  /** The document in {@code file}; an empty file is an empty map. */
  public static YamlNode load(Path file) throws ConfigException {
    String name = file.toString();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(name, r);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read: " + e.getMessage());
    }
  }

  /** The document read from {@code reader}; {@code name} is used in messages. */
  public static YamlNode parse(String name, Reader reader) throws ConfigException {
    Optional<Node> root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(name).build()).composeReader(reader);
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
      throw new ConfigException(name + ":" + line + ": not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getMessage());
    }
    if (root.isEmpty()) {
      return new YamlNode(name, "", new MappingNode(Tag.MAP, List.of(), org.snakeyaml.engine.v2.common.FlowStyle.AUTO));
    }
    YamlNode top = new YamlNode(name, "", root.get());
    top.requireMap();
    return top;
  }

  /** The key path, {@code clusters[1].url}; empty for the document. */
  public String path() {
    return path;
  }

  /** 1-based line of this node, 0 when unknown. */
  public int line() {
    return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
  }

  /** An error at this node: {@code file:line: path: message}. */
  public ConfigException error(String message) {
    String where = path.isEmpty() ? "" : path + ": ";
    return new ConfigException(file + ":" + line() + ": " + where + message);
  }

  public boolean isNull() {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private YamlNode requireMap() throws ConfigException {
    if (!(node instanceof MappingNode m)) throw error("expected a mapping of keys to values, found " + kind());
    if (children.isEmpty()) {
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          throw new YamlNode(file, path, t.getKeyNode()).error("keys must be plain strings");
        }
        String key = k.getValue();
        String childPath = path.isEmpty() ? key : path + "." + key;
        YamlNode child = new YamlNode(file, childPath, t.getValueNode());
        keyNodes.put(key, new YamlNode(file, childPath, t.getKeyNode()));
        if (children.put(key, child) != null) {
          throw new YamlNode(file, childPath, t.getKeyNode()).error("duplicate key");
        }
      }
    }
    return this;
  }

  private String kind() {
    if (node instanceof MappingNode) return "a mapping";
    if (node instanceof SequenceNode) return "a list";
    if (isNull()) return "nothing (null)";
    return "\"" + ((ScalarNode) node).getValue() + "\"";
  }

  /** The value under {@code key} of this mapping, if present and not null. */
  public Optional<YamlNode> get(String key) throws ConfigException {
    requireMap();
    YamlNode child = children.get(key);
    return child == null || child.isNull() ? Optional.empty() : Optional.of(child);
  }

  /** The keys of this mapping, in file order. */
  public Set<String> keys() throws ConfigException {
    requireMap();
    return children.keySet();
  }

  /** Fails on the first key of this mapping that is not in {@code known}, naming it, its line and the known keys. */
  public void rejectUnknownKeys(Set<String> known) throws ConfigException {
    requireMap();
    for (Map.Entry<String, YamlNode> e : keyNodes.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw e.getValue().error("unknown key (known here: " + String.join(", ", known.stream().sorted().toList())
            + ")");
      }
    }
  }

  public List<YamlNode> asList() throws ConfigException {
    if (!(node instanceof SequenceNode s)) throw error("expected a list, found " + kind());
    List<YamlNode> out = new ArrayList<>();
    int i = 0;
    for (Node n : s.getValue()) {
      out.add(new YamlNode(file, path + "[" + i++ + "]", n));
    }
    return out;
  }

  public String asString() throws ConfigException {
    if (!(node instanceof ScalarNode s) || isNull()) throw error("expected a text value, found " + kind());
    return s.getValue();
  }

  public boolean asBoolean() throws ConfigException {
    String v = asString().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error("expected true or false, found \"" + v + "\"");
    };
  }

  public Duration asDuration() throws ConfigException {
    String v = asString();
    try {
      Duration d = Durations.parse(v);
      if (d.isNegative()) throw error("must not be negative");
      return d;
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /** A mapping of plain strings to plain strings ({@code labels:}). */
  public Map<String, String> asStringMap() throws ConfigException {
    requireMap();
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : children.entrySet()) {
      out.put(e.getKey(), e.getValue().asString());
    }
    return out;
  }

  /** A path relative to the file's directory when it is not absolute. */
  public Path asPath() throws ConfigException {
    String v = asString();
    if (v.isBlank()) throw error("empty path");
    Path p = Path.of(v);
    if (p.isAbsolute()) return p;
    Path dir = Path.of(file).toAbsolutePath().getParent();
    return dir == null ? p : dir.resolve(p);
  }
}
