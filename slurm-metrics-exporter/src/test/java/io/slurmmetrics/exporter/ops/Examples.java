package io.slurmmetrics.exporter.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Fenced code blocks of a markdown file, and the PromQL expressions inside {@code promql} blocks. */
final class Examples {
  private Examples() {}

  /** A piece of text taken from a file, with the line it starts on. */
  record Snippet(String file, int line, String text) {
    String where() {
      return file + ":" + line;
    }
  }

  /** The bodies of the fenced blocks opened with {@code ```language}. */
  static List<Snippet> fencedBlocks(Path markdown, String language) {
    List<Snippet> blocks = new ArrayList<>();
    String[] lines = RepositoryFiles.read(markdown).split("\n", -1);
    String name = RepositoryFiles.name(markdown);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].strip().startsWith("```")) continue;
      String info = lines[i].strip().substring(3).strip();
      int start = i + 1;
      int end = start;
      while (end < lines.length && !lines[end].strip().startsWith("```")) end++;
      if (info.equals(language)) {
        blocks.add(new Snippet(name, start + 1, String.join("\n", List.of(lines).subList(start, end))));
      }
      i = end;
    }
    return blocks;
  }

  /**
   * The expressions of {@code promql} blocks: a block holds one or more expressions separated by blank lines, each
   * usually after a {@code #} comment line saying what it answers.
   */
  static List<Snippet> promqlExpressions(Path markdown) {
    List<Snippet> out = new ArrayList<>();
    for (Snippet block : fencedBlocks(markdown, "promql")) {
      String[] lines = block.text().split("\n", -1);
      StringBuilder expr = new StringBuilder();
      int exprLine = -1;
      for (int i = 0; i <= lines.length; i++) {
        String line = i < lines.length ? lines[i] : "";
        if (line.isBlank()) {
          if (expr.length() > 0) out.add(new Snippet(block.file(), exprLine, expr.toString().strip()));
          expr.setLength(0);
          exprLine = -1;
        } else if (!line.strip().startsWith("#")) {
          if (exprLine < 0) exprLine = block.line() + i;
          expr.append(line).append('\n');
        }
      }
    }
    return out;
  }
}
