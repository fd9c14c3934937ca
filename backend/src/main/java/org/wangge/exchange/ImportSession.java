package org.wangge.exchange;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.wangge.gisdata.io.LayerInfo;
import org.wangge.security.Jurisdiction;

/**
 * One import: the staged file, what was read from it and where it stands. Its state changes only
 * through the synchronized methods; readers take a consistent {@link #view}. Thread-safe.
 */
final class ImportSession {

  enum Status { UPLOADED, CHECKING, CHECKED, COMMITTING, COMMITTED, FAILED }

  final String id;
  final String fileName;
  final String format;
  final long sizeBytes;
  final Jurisdiction owner;
  final Instant uploadedAt;
  /** The session's directory under the work dir: the staged file and the unpack directories. */
  final Path dir;
  final Path file;
  final String encoding;
  final List<LayerInfo> layers;
  final List<ImportView.LayerView> layerViews;

  private Status status = Status.UPLOADED;
  private volatile ImportView.Progress progress = new ImportView.Progress("UPLOADING", 1, 1);
  private DryRunRequest request;
  private DryRunReport dryRun;
  private ImportView.Result result;
  private ImportView.ErrorView error;
  private int unpackCounter;

  ImportSession(
      String id, String fileName, String format, long sizeBytes, Jurisdiction owner, Instant uploadedAt, Path dir, Path file,
      String encoding, List<LayerInfo> layers, List<ImportView.LayerView> layerViews) {
    this.id = id;
    this.fileName = fileName;
    this.format = format;
    this.sizeBytes = sizeBytes;
    this.owner = owner;
    this.uploadedAt = uploadedAt;
    this.dir = dir;
    this.file = file;
    this.encoding = encoding;
    this.layers = List.copyOf(layers);
    this.layerViews = List.copyOf(layerViews);
    this.progress = new ImportView.Progress("READING", 1, 1);
  }

  synchronized Status status() {
    return status;
  }

  synchronized DryRunRequest request() {
    return request;
  }

  synchronized DryRunReport dryRun() {
    return dryRun;
  }

  /** A fresh directory to unpack the file into (GisFiles.open wants an empty or absent one). */
  synchronized Path nextUnpackDir() {
    return dir.resolve("unpacked-" + (++unpackCounter));
  }

  void progress(String phase, long done, long total) {
    progress = new ImportView.Progress(phase, done, total);
  }

  /** Moves to CHECKING for this request, unless checking or committing. */
  synchronized boolean startChecking(DryRunRequest next) {
    if (status == Status.CHECKING || status == Status.COMMITTING || status == Status.COMMITTED) {
      return false;
    }
    status = Status.CHECKING;
    request = next;
    dryRun = null;
    result = null;
    error = null;
    progress("READING", 0, 0);
    return true;
  }

  synchronized void checked(DryRunReport report) {
    dryRun = report;
    status = Status.CHECKED;
    progress("DONE", 1, 1);
  }

  /** Moves to COMMITTING when CHECKED and committable. */
  synchronized boolean startCommitting() {
    if (status != Status.CHECKED || dryRun == null || !dryRun.committable()) {
      return false;
    }
    status = Status.COMMITTING;
    progress("READING", 0, 0);
    return true;
  }

  synchronized void committed(DryRunReport recheck, ImportView.Result done) {
    dryRun = recheck;
    result = done;
    status = Status.COMMITTED;
    progress("DONE", 1, 1);
  }

  synchronized void failed(DryRunReport recheck, String field, String detail) {
    if (recheck != null) {
      dryRun = recheck;
    }
    error = new ImportView.ErrorView(field, detail);
    status = Status.FAILED;
    progress("DONE", 1, 1);
  }

  synchronized ImportView view(boolean withSamples) {
    List<ImportView.LayerView> shown =
        withSamples
            ? layerViews
            : layerViews.stream()
                .map(l -> new ImportView.LayerView(
                    l.name(), l.geometryType(), l.featureCount(), l.crs(), l.crsNote(), l.charset(), l.extent(),
                    l.fields().stream().map(f -> new ImportView.FieldView(f.name(), f.type(), null)).toList(),
                    l.suggested()))
                .toList();
    return new ImportView(
        id, fileName, format, sizeBytes, owner.username(), uploadedAt, status.name(), progress, shown, request, dryRun, result, error);
  }
}
