package org.wangge.gisdata.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed command-line options: --name value (or --name=value), flags, and positional arguments. */
final class Options {

  final Map<String, String> values = new LinkedHashMap<>();
  final List<String> positional = new ArrayList<>();

  /**
   * Parses args[1..] (args[0] is the command).
   *
   * @param withValue options that take a value
   * @param flags options that take none
   * @param shortNames short aliases, e.g. "-o" for "--out"
   */
  static Options parse(String[] args, Set<String> withValue, Set<String> flags, Map<String, String> shortNames)
      throws GisDataCommand.UsageException {
    Options o = new Options();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        o.values.put("--help", "");
        continue;
      }
      if (shortNames.containsKey(arg)) {
        arg = shortNames.get(arg);
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        o.positional.add(arg);
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw new GisDataCommand.UsageException(name + ": takes no value");
        }
        value = "true";
      } else if (withValue.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new GisDataCommand.UsageException(name + ": a value is required");
          }
          value = args[++i];
        }
      } else {
        throw new GisDataCommand.UsageException("unknown option " + name);
      }
      if (o.values.put(name, value) != null) {
        throw new GisDataCommand.UsageException(name + ": given more than once");
      }
    }
    return o;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name) {
    return values.get(name);
  }

  String require(String name, String what) throws GisDataCommand.UsageException {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new GisDataCommand.UsageException(name + ": " + what + " is required");
    }
    return v;
  }

  /** "code=CODE,name=NAME" → ordered map; the message names the option. */
  static Map<String, String> pairs(String option, String text) throws GisDataCommand.UsageException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new GisDataCommand.UsageException(
            option + ": expected key=FIELD pairs separated by commas (e.g. code=CODE,name=NAME), got '" + part + "'");
      }
      m.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
    }
    return m;
  }
}
