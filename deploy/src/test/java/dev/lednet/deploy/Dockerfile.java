package dev.lednet.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile as Docker reads it: continuation lines joined, comments dropped, each instruction
 * with the build stage it belongs to (-1 for the global ARGs before the first FROM).
 */
record Dockerfile(List<Dockerfile.Instruction> instructions) {

  record Instruction(String keyword, String arguments, int stage) {}

  static Dockerfile read(Path file) throws IOException {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int stage = -1;
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      String text = pending.toString().strip();
      pending.setLength(0);
      if (text.isEmpty()) {
        continue;
      }
      int space = text.indexOf(' ');
      String keyword = text.substring(0, space).toUpperCase(java.util.Locale.ROOT);
      if (keyword.equals("FROM")) {
        stage++;
      }
      instructions.add(new Instruction(keyword, text.substring(space + 1).strip(), stage));
    }
    return new Dockerfile(instructions);
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  List<Instruction> inStage(int stage) {
    return instructions.stream().filter(i -> i.stage() == stage).toList();
  }

  int lastStage() {
    return instructions.get(instructions.size() - 1).stage();
  }

  /** The global ARGs (before the first FROM) and their defaults. */
  Map<String, String> globalArgs() {
    Map<String, String> args = new LinkedHashMap<>();
    for (Instruction arg : all("ARG")) {
      if (arg.stage() == -1) {
        String[] nameValue = arg.arguments().split("=", 2);
        args.put(nameValue[0], nameValue.length == 2 ? nameValue[1] : "");
      }
    }
    return args;
  }

  /** The ENV variables of a stage, as written ({@code ${VAR}} not substituted). */
  Map<String, String> env(int stage) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Instruction i : inStage(stage)) {
      if (i.keyword().equals("ENV")) {
        for (String pair : i.arguments().split("\\s+")) {
          String[] nameValue = pair.split("=", 2);
          env.put(nameValue[0], nameValue.length == 2 ? nameValue[1] : "");
        }
      }
    }
    return env;
  }

  /** {@code text} with the global ARGs' defaults put in for {@code ${NAME}}. */
  String substitute(String text) {
    for (Map.Entry<String, String> arg : globalArgs().entrySet()) {
      text = text.replace("${" + arg.getKey() + "}", arg.getValue());
    }
    return text;
  }

  Optional<Instruction> last(String keyword) {
    List<Instruction> found = all(keyword);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
  }
}
