package org.wangge.exchange;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.area.AreaService;
import org.wangge.area.AreaView;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.FileFormat;
import org.wangge.gisdata.model.AreaLevel;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * {@code GET /api/exports}: an area's subtree as a shapefile zip, GeoPackage, GeoJSON, FlatGeobuf
 * or CSV in a chosen coordinate system, streamed as it is read. Parameters are checked before
 * anything is written (400 naming the parameter; an area outside the caller's jurisdiction is a
 * 404), and the export is audited.
 */
@RestController
class ExportController {

  private final CurrentUser currentUser;
  private final AreaService areas;
  private final ExportService exports;

  ExportController(CurrentUser currentUser, AreaService areas, ExportService exports) {
    this.currentUser = currentUser;
    this.areas = areas;
    this.exports = exports;
  }

  @GetMapping("/api/exports")
  void export(
      @RequestParam(required = false) String area,
      @RequestParam(required = false) String layers,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String crs,
      @RequestParam(required = false) String encoding,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      HttpServletResponse response)
      throws IOException {
    Jurisdiction j = currentUser.require();
    ExportRequest request = check(j, area, layers, format, crs, encoding, from, to);
    exports.record(request);
    String fileName = request.fileName();
    response.setStatus(200);
    response.setContentType(fileName.endsWith(".zip") ? "application/zip" : request.format().mediaType());
    if (request.format() == FileFormat.CSV && !fileName.endsWith(".zip")) {
      response.setCharacterEncoding(request.encoding().name());
    }
    response.setHeader(
        HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"" + fileName + "\"; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    var out = response.getOutputStream();
    exports.write(request, j, out);
    out.flush();
  }

  private ExportRequest check(
      Jurisdiction j, String area, String layers, String format, String crs, String encoding, String from, String to) {
    FileFormat fileFormat;
    try {
      fileFormat = blank(format) ? FileFormat.GEOJSON : FileFormat.parse(format.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("format", e.getMessage());
    }
    Crs system;
    try {
      system = blank(crs) ? Crs.WGS84 : Crs.parse(crs.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("crs", e.getMessage());
    }
    Charset charset = charset(encoding);
    Instant fromInstant = InvalidInputException.instant("from", from);
    Instant toInstant = InvalidInputException.instant("to", to);
    if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
      throw new InvalidInputException("to", "must be after from (" + from + "), got '" + to + "'");
    }
    String code = blank(area) ? ownArea(j) : area.trim();
    if (!j.covers(code)) {
      throw new NotFoundException("No area " + code + " within your jurisdiction.");
    }
    AreaView view =
        areas.findCurrent(code).orElseThrow(() -> new NotFoundException("No area " + code + " within your jurisdiction."));
    List<ExportLayer> chosen = layers(layers, view);
    if (chosen.contains(ExportLayer.MEMBERS)
        && !j.hasRole(Role.OPERATOR, Role.GRID_LEADER, Role.PLANNER, Role.ADMIN)) {
      throw new AccessDeniedException(
          "A " + j.role() + " may not export members; it needs the role OPERATOR, GRID_LEADER, PLANNER or ADMIN.");
    }
    return new ExportRequest(code, chosen, fileFormat, system, charset, fromInstant, toInstant);
  }

  private String ownArea(Jurisdiction j) {
    if (!j.everywhere()) {
      return j.areaCode();
    }
    return areas.currentIds(AreaLevel.CITY).keySet().stream()
        .findFirst()
        .orElseThrow(() -> new NotFoundException("No city is loaded yet: nothing to export."));
  }

  private static List<ExportLayer> layers(String layers, AreaView area) {
    List<ExportLayer> chosen = new ArrayList<>();
    if (blank(layers)) {
      for (AreaLevel level : AreaLevel.values()) {
        if (level.ordinal() >= area.level().ordinal()) {
          chosen.add(ExportLayer.of(level));
        }
      }
      return chosen;
    }
    for (String name : layers.split(",")) {
      String n = name.trim();
      ExportLayer layer =
          ExportLayer.byName(n)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "layers",
                          "has an unknown layer '" + n + "'; choose among city, districts, streets, communities, grids,"
                              + " addresses, incidents, members (comma-separated)"));
      if (layer.level != null && layer.level.ordinal() < area.level().ordinal()) {
        throw new InvalidInputException(
            "layers", "asks for " + n + ", which lie above area " + area.code() + " (" + area.level() + "); export a higher area or leave it out");
      }
      if (chosen.contains(layer)) {
        throw new InvalidInputException("layers", "names " + n + " twice");
      }
      chosen.add(layer);
    }
    return chosen;
  }

  private static Charset charset(String encoding) {
    if (blank(encoding)) {
      return StandardCharsets.UTF_8;
    }
    return switch (encoding.trim().toUpperCase(java.util.Locale.ROOT)) {
      case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
      case "GBK", "CP936", "GB2312", "GB18030" -> Charset.forName("GBK");
      default -> throw new InvalidInputException("encoding", "must be UTF-8 or GBK, got '" + encoding + "'");
    };
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
