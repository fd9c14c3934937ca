package org.wangge.risk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.web.InvalidInputException;

/**
 * {@code GET /api/risk-list?area=CODE&week=2026-W47&format=json|csv|xlsx|html}: the weekly risk
 * list of an area (default: the caller's own area and the last complete week) as JSON, as a CSV or
 * Excel download, or as the printable risk warning letter to the area.
 */
@RestController
class RiskListController {

  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final RiskList riskList;
  private final CurrentUser currentUser;

  RiskListController(RiskList riskList, CurrentUser currentUser) {
    this.riskList = riskList;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/risk-list")
  ResponseEntity<?> riskList(
      @RequestParam(required = false) String area,
      @RequestParam(required = false) String week,
      @RequestParam(required = false) String format) {
    String as = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(Locale.ROOT);
    if (!java.util.List.of("json", "csv", "xlsx", "html").contains(as)) {
      throw new InvalidInputException("format", "must be one of json, csv, xlsx, html, got '" + format + "'");
    }
    RiskReport report = riskList.report(area, week, currentUser.require(), Instant.now());
    return switch (as) {
      case "csv" -> download(RiskTables.csv(RiskTables.sections(report, riskList.zone())), CSV, report, "csv");
      case "xlsx" -> download(RiskTables.xlsx(RiskTables.sections(report, riskList.zone())), XLSX, report, "xlsx");
      case "html" ->
          ResponseEntity.ok()
              .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
              .body(WarningLetter.html(report, riskList.zone()));
      default -> ResponseEntity.ok(report);
    };
  }

  private static ResponseEntity<byte[]> download(byte[] body, MediaType type, RiskReport report, String extension) {
    String code = report.area().code() == null ? "all" : report.area().code();
    return ResponseEntity.ok()
        .contentType(type)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            attachment(
                "risk-list_" + code + "_" + report.week() + "." + extension,
                "风险隐患清单_" + report.area().name() + "_" + report.week() + "." + extension))
        .body(body);
  }

  /**
   * An attachment's {@code Content-Disposition}: an ASCII {@code filename} for old clients and the
   * real name as RFC 5987 / RFC 6266 {@code filename*} in UTF-8, which current browsers prefer.
   */
  static String attachment(String asciiName, String name) {
    return "attachment; filename=\"" + asciiName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''" + rfc5987(name);
  }

  /** Percent-encodes every byte of the UTF-8 text that is not an RFC 5987 {@code attr-char}. */
  static String rfc5987(String text) {
    var out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
