package org.wangge.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;
import org.wangge.address.AddressService;
import org.wangge.area.AreaService;
import org.wangge.area.BoundaryVersions;
import org.wangge.area.GridLocator;
import org.wangge.gisdata.io.FeatureSource;
import org.wangge.gisdata.io.Field;
import org.wangge.gisdata.io.FileFormat;
import org.wangge.gisdata.io.GisFileException;
import org.wangge.gisdata.io.GisFiles;
import org.wangge.gisdata.io.LayerInfo;
import org.wangge.gisdata.io.ReadOptions;
import org.wangge.security.AuditLog;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.incident.IncidentService;
import org.wangge.security.Role;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * Import sessions: upload (staged under the work dir and read at once), dry run and commit (run on
 * a small bounded executor, with progress), listing, deleting and expiry. Sessions live in memory
 * on the instance that took the upload. Thread-safe.
 */
@Service
public class ImportService implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ImportService.class);
  private static final int SAMPLES = 5;

  private final ImportProperties properties;
  private final CurrentUser currentUser;
  private final ImportRun.Services services;
  private final TransactionTemplate transaction;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;
  private final boolean postgres;
  private final AuditLog audit;
  private final org.wangge.database.LongWork longWork;
  private final Map<String, ImportSession> sessions = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor executor;

  /** Test seam: runs inside the commit's transaction after the writes, before the audit entry. */
  volatile Runnable afterWrites = () -> {};

  ImportService(
      ImportProperties properties, CurrentUser currentUser, PlatformTransactionManager transactions, AuditLog audit,
      AreaService areas, BoundaryVersions versions, GridLocator locator, AddressService addresses, TeamService teams,
      IncidentService incidents, org.springframework.jdbc.core.JdbcTemplate jdbc, org.wangge.database.LongWork longWork) {
    this.properties = properties;
    this.longWork = longWork;
    this.jdbc = jdbc;
    this.postgres =
        Boolean.TRUE.equals(
            jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Boolean>)
                    c -> c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")));
    this.currentUser = currentUser;
    this.services = new ImportRun.Services(areas, versions, locator, addresses, teams, incidents);
    this.transaction = new TransactionTemplate(transactions);
    this.audit = audit;
    this.executor =
        new ThreadPoolExecutor(
            properties.threads(), properties.threads(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16),
            r -> {
              Thread t = new Thread(r, "import");
              t.setDaemon(true);
              return t;
            });
  }

  private Jurisdiction caller() {
    return currentUser.requireRole("import GIS data", Role.ADMIN, Role.PLANNER);
  }

  // --- upload ------------------------------------------------------------------------------------

  ImportView upload(MultipartFile file, String encoding) {
    Jurisdiction caller = caller();
    if (file == null || file.isEmpty()) {
      throw new InvalidInputException("file", "is required: a multipart part 'file' with the data (zip, gpkg, geojson, fgb or csv)");
    }
    if (file.getSize() > properties.maxUploadSize().toBytes()) {
      throw new UploadTooLargeException(properties.maxUploadSize());
    }
    Charset charset = null;
    if (encoding != null && !encoding.isBlank()) {
      charset =
          switch (encoding.trim().toUpperCase(Locale.ROOT)) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "GBK", "CP936", "936", "GB2312", "GB18030" -> Charset.forName("GBK");
            default -> throw new InvalidInputException("encoding", "must be UTF-8 or GBK, got '" + encoding + "'");
          };
    }
    String fileName = safeName(file.getOriginalFilename());
    FileFormat format =
        FileFormat.fromFileName(fileName)
            .orElseThrow(() -> new InvalidInputException(
                "file", "'" + fileName + "' is not a file type the import reads: .zip (shapefile), .shp, .gpkg, .geojson/.json, .fgb, .csv/.txt"));
    String id = UUID.randomUUID().toString();
    Path dir = properties.workDir().resolve(id);
    Path staged = dir.resolve("upload").resolve(fileName);
    try {
      Files.createDirectories(staged.getParent());
      try (InputStream in = file.getInputStream()) {
        Files.copy(in, staged, StandardCopyOption.REPLACE_EXISTING);
      }
      List<LayerInfo> layers;
      List<ImportView.LayerView> views = new ArrayList<>();
      Path unpack = dir.resolve("unpacked-0");
      try (FeatureSource source = GisFiles.open(staged, unpack, options(charset, null))) {
        layers = source.layers();
        for (LayerInfo layer : layers) {
          views.add(view(source, layer));
        }
        format = source.format();
      } finally {
        deleteTree(unpack);
      }
      var session =
          new ImportSession(
              id, fileName, format.name(), file.getSize(), caller, Instant.now(), dir, staged,
              charset == null ? null : charset.name(), layers, views);
      sessions.put(id, session);
      log.info("Import {}: {} ({} bytes, {} layers) staged by {}", id, fileName, file.getSize(), layers.size(), caller.username());
      return session.view(true);
    } catch (GisFileException e) {
      deleteTree(dir);
      throw new InvalidInputException(e.field() == null ? "file" : e.field(), e.getMessage());
    } catch (IOException e) {
      deleteTree(dir);
      throw new InvalidInputException("file", "could not be read: " + e.getMessage());
    } catch (RuntimeException e) {
      deleteTree(dir);
      throw e;
    }
  }

  private ReadOptions options(Charset charset, org.wangge.gisdata.io.ProgressListener progress) {
    return new ReadOptions(properties.maxExpandedSize().toBytes(), properties.maxZipEntries(), charset, progress);
  }

  private static String safeName(String original) {
    String name = original == null ? "upload" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\x00-\\x1f]", "").trim();
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      name = "upload";
    }
    return name;
  }

  /** Samples (first 5 distinct values of each field) and the suggested mapping of a layer. */
  private static ImportView.LayerView view(FeatureSource source, LayerInfo layer) throws IOException {
    Map<String, Set<String>> samples = new LinkedHashMap<>();
    layer.fields().forEach(f -> samples.put(f.name(), new LinkedHashSet<>()));
    try {
      int[] rows = {0};
      source.read(
          layer.name(),
          null,
          f -> {
            f.attributes().forEach((k, v) -> {
              Set<String> s = samples.get(k);
              if (s != null && v != null && s.size() < SAMPLES && !v.toString().isBlank()) {
                s.add(v.toString());
              }
            });
            if (++rows[0] >= 50) {
              throw new EnoughSamples();
            }
          });
    } catch (EnoughSamples e) {
      // stop reading
    } catch (GisFileException e) {
      if (e.field() != null && !e.field().equals("file")) {
        // e.g. CSV columns not detected: shown when the dry run asks for them
      } else {
        throw e;
      }
    }
    List<ImportView.FieldView> fields = new ArrayList<>();
    for (Field f : layer.fields()) {
      fields.add(new ImportView.FieldView(f.name(), f.type().name(), List.copyOf(samples.getOrDefault(f.name(), Set.of()))));
    }
    return new ImportView.LayerView(
        layer.name(), layer.geometryType(), layer.featureCount(), layer.crs() == null ? null : layer.crs().code(), layer.crsNote(),
        layer.charset() == null ? null : layer.charset().name(), layer.extent(), fields,
        Suggestions.suggest(layer, samples));
  }

  private static final class EnoughSamples extends IOException {
    EnoughSamples() {
      super("enough samples", null);
    }
  }

  // --- reading sessions --------------------------------------------------------------------------

  List<ImportView> list() {
    Jurisdiction caller = caller();
    return sessions.values().stream()
        .filter(s -> caller.role() == Role.ADMIN || s.owner.userId() == caller.userId())
        .sorted(Comparator.comparing((ImportSession s) -> s.uploadedAt).reversed())
        .map(s -> s.view(false))
        .toList();
  }

  ImportView get(String id) {
    return session(id).view(true);
  }

  private ImportSession session(String id) {
    Jurisdiction caller = caller();
    ImportSession s = sessions.get(id);
    if (s == null || (caller.role() != Role.ADMIN && s.owner.userId() != caller.userId())) {
      throw new NotFoundException("No import " + id + " (imports expire after " + properties.sessionTtl().toHours() + " h).");
    }
    return s;
  }

  // --- dry run and commit ------------------------------------------------------------------------

  ImportView dryRun(String id, DryRunRequest request) {
    ImportSession session = session(id);
    Jurisdiction caller = caller();
    ImportPlan plan = ImportPlan.of(request, session.layers, FileFormat.valueOf(session.format), caller);
    if (!session.startChecking(request)) {
      throw new ImportConflictException("Import " + id + " is " + session.status() + "; wait until it ends or upload the file again.");
    }
    submit(session, () -> check(session, plan, caller));
    return session.view(true);
  }

  ImportView commit(String id) {
    ImportSession session = session(id);
    Jurisdiction caller = caller();
    DryRunRequest request = session.request();
    if (!session.startCommitting()) {
      throw new ImportConflictException(
          "Import " + id + " is " + session.status() + (session.dryRun() != null && !session.dryRun().committable() ? " with blocking problems" : "")
              + "; commit needs a dry run without blocking problems (status CHECKED, committable).");
    }
    ImportPlan plan = ImportPlan.of(request, session.layers, FileFormat.valueOf(session.format), caller);
    submit(session, () -> write(session, plan, caller));
    return session.view(true);
  }

  private void submit(ImportSession session, Runnable job) {
    try {
      executor.execute(new DelegatingSecurityContextRunnable(job));
    } catch (RejectedExecutionException e) {
      session.failed(null, null, "Too many imports are waiting; try again in a minute.");
      throw new ImportConflictException("Too many imports are running or waiting; try again in a minute.");
    }
  }

  private long total(ImportSession session, ImportPlan plan) {
    return plan.layers().stream()
        .mapToLong(l -> session.layers.stream().filter(i -> i.name().equals(l.name())).mapToLong(LayerInfo::featureCount).sum())
        .sum();
  }

  private void check(ImportSession session, ImportPlan plan, Jurisdiction caller) {
    long start = System.nanoTime();
    var run = new ImportRun(plan, caller, services, false, total(session, plan), session::progress);
    Path unpack = session.nextUnpackDir();
    try (FeatureSource source = GisFiles.open(session.file, unpack, options(charset(session), null))) {
      run.run(source);
      session.checked(run.report());
      log.info("Import {}: dry run in {} ms", session.id, (System.nanoTime() - start) / 1_000_000);
    } catch (GisFileException e) {
      session.failed(null, e.field(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      log.warn("Import {}: dry run failed", session.id, e);
      session.failed(null, null, "The dry run failed: " + e.getMessage());
    } finally {
      deleteTree(unpack);
    }
  }

  private void write(ImportSession session, ImportPlan plan, Jurisdiction caller) {
    long start = System.nanoTime();
    var run = new ImportRun(plan, caller, services, true, total(session, plan), session::progress);
    Path unpack = session.nextUnpackDir();
    try (FeatureSource source = GisFiles.open(session.file, unpack, options(charset(session), null))) {
      transaction.executeWithoutResult(
          status -> {
            // A large file may take minutes: the request-sized database bounds do not apply.
            longWork.extend();
            if (postgres) {
              // The commit asks, batch after batch, which codes exist in tables it is filling. A
              // generic plan cached while they were small (a sequential scan testing each row
              // against 1,000 parameters one by one) made 150,000 addresses take minutes; plans
              // made for each batch use the index.
              jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            }
            try {
              run.run(source);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            if (run.blocked()) {
              throw new Blocked();
            }
            afterWrites.run();
            long millis = (System.nanoTime() - start) / 1_000_000;
            ImportView.Result result = run.result(Instant.now(), millis);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("file", session.fileName);
            after.put("format", session.format);
            after.put("inserted", result.inserted());
            after.put("newVersions", result.newVersions());
            after.put("skipped", result.skipped());
            after.put("byLayer", result.byLayer());
            audit.change("DATA_IMPORTED", "import", session.id, caller.areaCode(), null, after);
          });
      long millis = (System.nanoTime() - start) / 1_000_000;
      session.committed(run.report(), run.result(Instant.now(), millis));
      log.info("Import {}: committed in {} ms", session.id, millis);
    } catch (Blocked e) {
      session.failed(run.report(), "dryRun", "The file no longer passes the checks (the database changed since the dry run); nothing was written. See dryRun.blocking.");
    } catch (GisFileException e) {
      session.failed(null, e.field(), e.getMessage() + " Nothing was written.");
    } catch (IOException | RuntimeException e) {
      log.warn("Import {}: commit failed", session.id, e);
      String message = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
      session.failed(null, null, "The commit failed and nothing was written: " + message);
    } finally {
      deleteTree(unpack);
    }
  }

  private static Charset charset(ImportSession session) {
    return session.encoding == null ? null : Charset.forName(session.encoding);
  }

  private static final class Blocked extends RuntimeException {
    Blocked() {
      super("blocking problems", null, false, false);
    }
  }

  // --- deleting and expiry -----------------------------------------------------------------------

  void delete(String id) {
    ImportSession session = session(id);
    if (session.status() == ImportSession.Status.COMMITTING || session.status() == ImportSession.Status.CHECKING) {
      throw new ImportConflictException("Import " + id + " is " + session.status() + "; delete it when that ends.");
    }
    sessions.remove(id);
    deleteTree(session.dir);
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
  void expire() {
    Instant cutoff = Instant.now().minus(properties.sessionTtl());
    for (ImportSession s : List.copyOf(sessions.values())) {
      ImportSession.Status status = s.status();
      if (s.uploadedAt.isBefore(cutoff) && status != ImportSession.Status.COMMITTING && status != ImportSession.Status.CHECKING) {
        sessions.remove(s.id);
        deleteTree(s.dir);
        log.info("Import {} expired", s.id);
      }
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          log.warn("Could not delete {}: {}", p, e.getMessage());
        }
      });
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", dir, e.getMessage());
    }
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }

  /** Exposed for tests: the age limit. */
  Duration sessionTtl() {
    return properties.sessionTtl();
  }
}
