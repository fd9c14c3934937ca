package org.wangge.gisdata.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.wangge.gisdata.geojson.GeoJsonWriter;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.gisdata.model.AreaRecord;
import org.wangge.gisdata.model.City;
import org.wangge.gisdata.model.MemberRecord;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.gisdata.synthetic.CitySpec;
import org.wangge.gisdata.synthetic.SyntheticCityGenerator;

/**
 * The {@code gis-data} command line.
 *
 * <pre>
 * generate --out DIR [--seed N] [--grids N] [--addresses N] [--incidents N] [--as-of YYYY-MM-DD]
 * convert IN OUT [--crs CRS] [--from-crs CRS] [--format F] [--encoding UTF-8|GBK] …
 * import FILE --server URL --user NAME [--password P] [--kind …] [--level …] [--map …] …
 * export --server URL --user NAME [--password P] [--area CODE] [--layers …] [--format F] -o FILE
 * </pre>
 *
 * <p>{@code convert} (offline) is {@link ConvertCommand}; {@code import} and {@code export} talk
 * to a running server ({@link ServerCommands}).
 *
 * Generates a synthetic city ({@link SyntheticCityGenerator}) and writes it into {@code DIR} with
 * {@link GeoJsonWriter#writeCity}. Without options it is the demo city ({@link CitySpec#demo}) as
 * of 2026-11-01. {@code --grids} without {@code --addresses} or {@code --incidents} scales those in
 * the demo's proportions (187.5 addresses and 3.75 incidents per grid). Progress goes to standard
 * error, the summary to standard output. Exit codes: 0 done, 1 could not write, 2 bad arguments
 * (the message names the argument).
 */
public final class GisDataCommand {

  /** The as-of day when none is given. */
  public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 11, 1);

  static final String GENERATE_USAGE =
      """
      generate --out DIR [--seed N] [--grids N] [--addresses N] [--incidents N] [--as-of YYYY-MM-DD]
        Writes a synthetic city as GeoJSON into DIR: areas.geojson, addresses.geojson,
        members.geojson, incidents.geojson, departments.json, categories.json.
        Defaults: the demo city (seed 20261122, 800 grids, 150000 addresses, 3000 incidents)
        as of 2026-11-01. --grids alone scales addresses and incidents with it.\
      """;

  static final String USAGE =
      "usage: " + GENERATE_USAGE + "\n       " + ConvertCommand.USAGE + "\n       "
          + ServerCommands.IMPORT_USAGE + "\n       " + ServerCommands.EXPORT_USAGE;

  private static final Set<String> OPTIONS =
      Set.of("--out", "--seed", "--grids", "--addresses", "--incidents", "--as-of");

  private GisDataCommand() {}

  /** Runs the command and exits with its status if it is not 0. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** A bad command line: the message names the argument. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Runs the command.
   *
   * @return the exit status: 0 done, 1 could not write (or the server refused), 2 bad arguments
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CitySpec spec;
    Path dir;
    try {
      if (args.length == 0) {
        throw new UsageException("no command given");
      }
      if (Set.of("-h", "--help", "help").contains(args[0])) {
        out.println(USAGE);
        return 0;
      }
      switch (args[0]) {
        case "convert" -> {
          return convert(args, out, err);
        }
        case "import" -> {
          return importFile(args, out, err, System.getenv());
        }
        case "export" -> {
          return export(args, out, err, System.getenv());
        }
        case "generate" -> {}
        default ->
            throw new UsageException(
                "unknown command '" + args[0] + "' (expected generate, convert, import or export)");
      }
      Map<String, String> options = parse(args);
      if (options.containsKey("--help")) {
        out.println(USAGE);
        return 0;
      }
      if (!options.containsKey("--out")) {
        throw new UsageException("--out: the output directory is required");
      }
      dir = Path.of(options.get("--out"));
      spec = spec(options);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      return generate(spec, dir, out, err);
    } catch (IOException e) {
      err.println("error: could not write " + dir + ": " + e);
      return 1;
    }
  }

  private static boolean wantsHelp(String[] args) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("-h") || args[i].equals("--help")) {
        return true;
      }
    }
    return false;
  }

  static int convert(String[] args, PrintStream out, PrintStream err) {
    if (wantsHelp(args)) {
      out.println("usage: " + ConvertCommand.USAGE);
      return 0;
    }
    ConvertCommand.Request request;
    try {
      request = ConvertCommand.request(args);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("usage: " + ConvertCommand.USAGE);
      return 2;
    }
    try {
      return ConvertCommand.run(request, out, err);
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  static int importFile(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (wantsHelp(args)) {
      out.println("usage: " + ServerCommands.IMPORT_USAGE);
      return 0;
    }
    ServerCommands.ImportRequest request;
    try {
      request = ServerCommands.importRequest(args, env);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("usage: " + ServerCommands.IMPORT_USAGE);
      return 2;
    }
    try {
      return ServerCommands.runImport(request, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return 1;
    }
  }

  static int export(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (wantsHelp(args)) {
      out.println("usage: " + ServerCommands.EXPORT_USAGE);
      return 0;
    }
    ServerCommands.ExportRequest request;
    try {
      request = ServerCommands.exportRequest(args, env);
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("usage: " + ServerCommands.EXPORT_USAGE);
      return 2;
    }
    try {
      return ServerCommands.runExport(request, out, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: interrupted");
      return 1;
    }
  }

  private static Map<String, String> parse(String[] args) throws UsageException {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        options.put("--help", "");
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!OPTIONS.contains(name)) {
        throw new UsageException(
            arg.startsWith("-") ? "unknown option " + name : "unexpected argument '" + arg + "'");
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException(name + ": a value is required");
        }
        value = args[++i];
      }
      if (options.put(name, value) != null) {
        throw new UsageException(name + ": given more than once");
      }
    }
    return options;
  }

  private static CitySpec spec(Map<String, String> options) throws UsageException {
    CitySpec demo = CitySpec.demo(DEFAULT_AS_OF);
    long seed =
        options.containsKey("--seed") ? parseLong("--seed", options.get("--seed")) : demo.seed();
    int grids = demo.grids();
    if (options.containsKey("--grids")) {
      grids = parseInt("--grids", options.get("--grids"));
      if (grids < 10 || grids > CitySpec.MAX_GRIDS) {
        throw new UsageException(
            "--grids: must be between 10 and " + CitySpec.MAX_GRIDS + ", was " + grids);
      }
    }
    int addresses = CitySpec.addressesFor(grids);
    if (options.containsKey("--addresses")) {
      addresses = parseInt("--addresses", options.get("--addresses"));
    }
    long maxAddresses =
        Math.min(CitySpec.MAX_ADDRESSES, (long) CitySpec.MAX_ADDRESSES_PER_GRID * grids);
    if (addresses < 0 || addresses > maxAddresses) {
      throw new UsageException(
          "--addresses: must be between 0 and "
              + maxAddresses
              + " for "
              + grids
              + " grids, was "
              + addresses);
    }
    int incidents = CitySpec.incidentsFor(grids);
    if (options.containsKey("--incidents")) {
      incidents = parseInt("--incidents", options.get("--incidents"));
      if (incidents < 0 || incidents > CitySpec.MAX_INCIDENTS) {
        throw new UsageException(
            "--incidents: must be between 0 and " + CitySpec.MAX_INCIDENTS + ", was " + incidents);
      }
    }
    LocalDate asOf = DEFAULT_AS_OF;
    if (options.containsKey("--as-of")) {
      try {
        asOf = LocalDate.parse(options.get("--as-of"));
      } catch (DateTimeParseException e) {
        throw new UsageException(
            "--as-of: not a date YYYY-MM-DD: '" + options.get("--as-of") + "'");
      }
    }
    return new CitySpec(seed, grids, addresses, incidents, asOf);
  }

  private static long parseLong(String name, String value) throws UsageException {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + ": not a whole number: '" + value + "'");
    }
  }

  private static int parseInt(String name, String value) throws UsageException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException(name + ": not a whole number (up to 2147483647): '" + value + "'");
    }
  }

  private static int generate(CitySpec spec, Path dir, PrintStream out, PrintStream err)
      throws IOException {
    long start = System.nanoTime();
    err.printf(
        Locale.ROOT,
        "generating %d grids, %d addresses, %d incidents (seed %d, as of %s)…%n",
        spec.grids(),
        spec.addresses(),
        spec.incidents(),
        spec.seed(),
        spec.asOf());
    City city = SyntheticCityGenerator.generate(spec, line -> err.println("  " + line));
    double generated = seconds(start);
    err.printf(Locale.ROOT, "generated in %.1f s%n", generated);

    long writeStart = System.nanoTime();
    Files.createDirectories(dir);
    write(dir, GeoJsonWriter.AREAS, err, o -> GeoJsonWriter.writeAreas(city.areas(), o));
    write(
        dir, GeoJsonWriter.ADDRESSES, err, o -> GeoJsonWriter.writeAddresses(city.addresses(), o));
    write(dir, GeoJsonWriter.MEMBERS, err, o -> GeoJsonWriter.writeMembers(city.members(), o));
    write(
        dir, GeoJsonWriter.INCIDENTS, err, o -> GeoJsonWriter.writeIncidents(city.incidents(), o));
    write(
        dir,
        GeoJsonWriter.DEPARTMENTS,
        err,
        o -> GeoJsonWriter.writeDepartments(city.departments(), o));
    write(
        dir,
        GeoJsonWriter.CATEGORIES,
        err,
        o -> GeoJsonWriter.writeCategories(city.categories(), o));
    double written = seconds(writeStart);

    summary(city, spec, dir, out, generated, written);
    return 0;
  }

  private static void write(Path dir, String name, PrintStream err, GeoJsonWriter.Body body)
      throws IOException {
    long start = System.nanoTime();
    err.print("writing " + name + "… ");
    err.flush();
    Path file = dir.resolve(name);
    GeoJsonWriter.writeFile(file, body);
    err.printf(Locale.ROOT, "%.1f s, %.1f MB%n", seconds(start), Files.size(file) / 1e6);
  }

  private static void summary(
      City city, CitySpec spec, Path dir, PrintStream out, double generated, double written) {
    Map<AreaLevel, Integer> perLevel = new LinkedHashMap<>();
    for (AreaLevel level : AreaLevel.values()) {
      perLevel.put(level, 0);
    }
    city.areas().forEach(a -> perLevel.merge(a.level(), 1, Integer::sum));
    List<AreaRecord> grids =
        city.areas().stream().filter(a -> a.level() == AreaLevel.GRID).toList();
    IntSummaryStatistics households =
        grids.stream().mapToInt(AreaRecord::households).summaryStatistics();
    AreaRecord top = city.areas().get(0);
    Set<String> withFullTime = new TreeSet<>();
    Set<String> withLeader = new TreeSet<>();
    for (MemberRecord m : city.members()) {
      if (m.role() == MemberRole.FULL_TIME) {
        withFullTime.add(m.gridCodes().get(0));
      } else if (m.role() == MemberRole.GRID_LEADER) {
        withLeader.add(m.gridCodes().get(0));
      }
    }
    long open = city.incidents().stream().filter(i -> i.status().isOpen()).count();
    out.printf(
        Locale.ROOT,
        "%s (%s) as of %s, seed %d%n",
        top.name(),
        top.code(),
        spec.asOf(),
        spec.seed());
    out.printf(
        Locale.ROOT,
        "areas:      %d city, %d districts, %d streets, %d communities, %d grids%n",
        perLevel.get(AreaLevel.CITY),
        perLevel.get(AreaLevel.DISTRICT),
        perLevel.get(AreaLevel.STREET),
        perLevel.get(AreaLevel.COMMUNITY),
        perLevel.get(AreaLevel.GRID));
    out.printf(
        Locale.ROOT,
        "addresses:  %d (%d households, %d residents)%n",
        city.addresses().size(),
        top.households(),
        top.residents());
    out.printf(
        Locale.ROOT,
        "households per grid: min %d, avg %.1f, max %d%n",
        households.getMin(),
        households.getAverage(),
        households.getMax());
    out.printf(
        Locale.ROOT,
        "members:    %d (grids without a full-time member: %d, without a leader: %d)%n",
        city.members().size(),
        grids.size() - withFullTime.size(),
        grids.size() - withLeader.size());
    out.printf(Locale.ROOT, "incidents:  %d (%d open)%n", city.incidents().size(), open);
    out.printf(
        Locale.ROOT,
        "written to %s; generated in %.1f s, written in %.1f s%n",
        dir.toAbsolutePath().normalize(),
        generated,
        written);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
