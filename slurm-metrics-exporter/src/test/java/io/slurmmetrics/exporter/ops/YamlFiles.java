package io.slurmmetrics.exporter.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Reads YAML into plain maps and lists (snakeyaml-engine, the exporter's YAML library). */
final class YamlFiles {
  private YamlFiles() {}

  static Object load(Path file) {
    return parse(RepositoryFiles.read(file));
  }

  static Object parse(String yaml) {
    return new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  /** Every document of a multi-document file. */
  static List<Object> loadAll(Path file) {
    List<Object> docs = new ArrayList<>();
    for (Object d : new Load(LoadSettings.builder().build()).loadAllFromString(RepositoryFiles.read(file))) {
      if (d != null) docs.add(d);
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String what) {
    if (!(o instanceof Map)) throw new AssertionError(what + " is not a mapping: " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o, String what) {
    if (!(o instanceof List)) throw new AssertionError(what + " is not a list: " + o);
    return (List<Object>) o;
  }

  /** {@code groups[*].rules[*]} of a Prometheus rule file. */
  static List<Map<String, Object>> rules(Path ruleFile) {
    List<Map<String, Object>> out = new ArrayList<>();
    String name = RepositoryFiles.name(ruleFile);
    for (Object g : list(map(load(ruleFile), name).get("groups"), name + " groups")) {
      for (Object r : list(map(g, name + " group").get("rules"), name + " rules")) {
        out.add(map(r, name + " rule"));
      }
    }
    return out;
  }
}
