package org.wangge.responsibility;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.wangge.web.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The responsibility list as a file: one template for xlsx (fastexcel) and CSV (UTF-8, commons-csv),
 * one row per node, the columns of {@link #COLUMNS} with Chinese and English headers
 * (docs/responsibility-list.md). Reading names every bad cell by row and column; an xlsx with
 * merged cells or formulas, an old .xls, or a CSV that is not UTF-8 is refused as a whole. Stateless.
 */
final class ListFiles {

  /**
   * A column of the template.
   *
   * @param key the node's field, also the English header
   * @param zh the Chinese header
   */
  record Column(String key, String zh, boolean required) {
    String header() {
      return zh + " " + key;
    }
  }

  static final List<Column> COLUMNS = List.of(
      new Column("code", "编码", true),
      new Column("level", "层级", true),
      new Column("parentCode", "上级编码", false),
      new Column("name", "名称", true),
      new Column("nameEn", "英文名称", false),
      new Column("leadDepartment", "牵头部门", false),
      new Column("coDepartments", "协办部门", false),
      new Column("gridAdmitted", "网格准入", false),
      new Column("deadlineHours", "时限（小时）", true),
      new Column("clockType", "计时方式", false),
      new Column("defaultRisk", "默认风险", false),
      new Column("dedupRadiusMetres", "查重半径（米）", false),
      new Column("raisesAlarm", "触发报警", false),
      new Column("questions", "追加问题", false));

  private static final Map<String, String> LEVEL_WORDS = Map.of("大类", "CLASS", "小类", "SUBCLASS", "事项", "ITEM");
  private static final Map<String, String> CLOCK_WORDS = Map.of("工作小时", "WORKING_HOURS", "自然小时", "CALENDAR_HOURS");
  private static final Map<String, String> RISK_WORDS = Map.of("高", "HIGH", "中", "MEDIUM", "低", "LOW");

  /** A bad cell or row: spreadsheet row number (the header is row 1), column key, node code. */
  record Problem(int row, String column, String code, String message) {}

  /** A node read from row {@code row}. */
  record ReadRow(int row, ListNode node) {}

  /** What a file holds: its nodes and the problems of its cells. */
  record Read(List<ReadRow> rows, List<Problem> problems) {}

  private final JsonMapper json;

  ListFiles(JsonMapper json) {
    this.json = json;
  }

  // ---------------------------------------------------------------- writing

  byte[] xlsx(ResponsibilityList.ListView list) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(bytes, "Wangge", "1.0");
      Worksheet sheet = workbook.newWorksheet("权责清单 v" + list.version());
      for (int c = 0; c < COLUMNS.size(); c++) {
        sheet.value(0, c, COLUMNS.get(c).header());
        sheet.style(0, c).bold().fillColor("DDEBF7").set();
      }
      int r = 1;
      for (ListNode n : list.nodes()) {
        List<String> cells = cells(n);
        for (int c = 0; c < cells.size(); c++) {
          String v = cells.get(c);
          if (v == null) {
            continue;
          }
          String key = COLUMNS.get(c).key();
          if (key.equals("deadlineHours") || key.equals("dedupRadiusMetres")) {
            sheet.value(r, c, Integer.parseInt(v));
          } else {
            sheet.value(r, c, v);
          }
        }
        r++;
      }
      int[] widths = {9, 10, 10, 28, 34, 14, 18, 10, 10, 17, 10, 12, 10, 60};
      for (int c = 0; c < widths.length; c++) {
        sheet.width(c, widths[c]);
      }
      sheet.freezePane(1, 1);
      workbook.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese right. */
  byte[] csv(ResponsibilityList.ListView list) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    try (CSVPrinter out = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
      out.printRecord(COLUMNS.stream().map(Column::header).toList());
      for (ListNode n : list.nodes()) {
        out.printRecord(cells(n));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private List<String> cells(ListNode n) {
    return Arrays.asList(
        n.code(),
        n.level(),
        n.parentCode(),
        n.name(),
        n.nameEn(),
        n.leadDepartment(),
        n.coDepartments().isEmpty() ? null : String.join(";", n.coDepartments()),
        n.gridAdmitted() ? "是" : "否",
        String.valueOf(n.deadlineHours()),
        n.clockType(),
        n.defaultRisk(),
        String.valueOf(n.dedupRadiusMetres()),
        n.raisesAlarm() ? "是" : "否",
        n.questions().isEmpty() ? null : json.writeValueAsString(n.questions()));
  }

  // ---------------------------------------------------------------- reading

  /** Reads an xlsx or CSV file (told apart by their first bytes). */
  Read read(byte[] bytes) {
    if (bytes.length == 0) {
      throw new InvalidInputException("file", "is empty: choose the xlsx or CSV file of the list");
    }
    if (ReadableWorkbook.isOLE2Header(Arrays.copyOf(bytes, Math.min(bytes.length, 8)))) {
      throw new InvalidInputException("file", "is an old Excel .xls file: save it as .xlsx (Excel workbook) or CSV UTF-8 and import again");
    }
    if (ReadableWorkbook.isOOXMLZipHeader(Arrays.copyOf(bytes, Math.min(bytes.length, 4)))) {
      return readXlsx(bytes);
    }
    return readCsv(bytes);
  }

  private Read readXlsx(byte[] bytes) {
    refuseMergedCells(bytes);
    List<List<String>> table = new ArrayList<>();
    List<Integer> rowNumbers = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(bytes); ReadableWorkbook workbook = new ReadableWorkbook(in)) {
      List<Row> rows = workbook.getFirstSheet().read();
      for (Row row : rows) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.getCellCount(); c++) {
          cells.add(text(row.getCell(c)));
        }
        table.add(cells);
        rowNumbers.add(row.getRowNum());
      }
    } catch (IOException | org.dhatim.fastexcel.reader.ExcelReaderException e) {
      throw new InvalidInputException("file", "is not a readable xlsx workbook (" + e.getMessage()
          + "): save it again from a spreadsheet program as .xlsx");
    }
    return rows(table, rowNumbers);
  }

  /** A cell's text: numbers without trailing zeros, booleans as true/false; a formula refuses the file. */
  private static String text(Cell cell) {
    if (cell == null) {
      return null;
    }
    if (cell.getFormula() != null || cell.getType() == CellType.FORMULA) {
      throw new InvalidInputException("file", "cell " + cell.getAddress() + " holds a formula (="
          + cell.getFormula() + "): replace formulas by their values (copy, paste values only) and import again");
    }
    return switch (cell.getType()) {
      case EMPTY -> null;
      case NUMBER -> cell.asNumber().stripTrailingZeros().toPlainString();
      case BOOLEAN -> String.valueOf(cell.asBoolean());
      case ERROR -> throw new InvalidInputException("file", "cell " + cell.getAddress() + " holds an error value ("
          + cell.getRawValue() + "): correct it and import again");
      default -> cell.getText();
    };
  }

  /**
   * Refuses a workbook any of whose sheets merges cells, naming the first merged range. Read through
   * the zip's central directory (a temporary file): spreadsheet writers put sizes after the data,
   * which a streaming zip reader refuses.
   */
  private static void refuseMergedCells(byte[] bytes) {
    java.nio.file.Path file = null;
    try {
      file = java.nio.file.Files.createTempFile("responsibility-list", ".xlsx");
      java.nio.file.Files.write(file, bytes);
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
        for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
          if (!entry.getName().startsWith("xl/worksheets/") || !entry.getName().endsWith(".xml")) {
            continue;
          }
          XMLInputFactory factory = XMLInputFactory.newFactory();
          factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
          factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
          try (InputStream in = zip.getInputStream(entry)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
              if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("mergeCell")) {
                throw new InvalidInputException("file", "cells " + xml.getAttributeValue(null, "ref")
                    + " are merged: unmerge all cells (one value per cell, one node per row) and import again");
              }
            }
          }
        }
      }
    } catch (IOException | XMLStreamException e) {
      throw new InvalidInputException("file", "is not a readable xlsx workbook (" + e.getMessage()
          + "): save it again from a spreadsheet program as .xlsx");
    } finally {
      if (file != null) {
        try {
          java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temporary file left behind is removed with the temporary directory
        }
      }
    }
  }

  private Read readCsv(byte[] bytes) {
    int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
    } catch (MalformedInputException e) {
      throw new InvalidInputException("file", "is neither an xlsx workbook nor UTF-8 text (the bytes near offset "
          + offsetOfBadByte(bytes, start) + " are not UTF-8; a CSV saved as GBK/ANSI looks like this): save it as"
          + " \"CSV UTF-8\" or as .xlsx and import again");
    } catch (CharacterCodingException e) {
      throw new InvalidInputException("file", "is not UTF-8 text: save it as \"CSV UTF-8\" or as .xlsx and import again");
    }
    if (text.indexOf('\0') >= 0) {
      throw new InvalidInputException("file", "is neither an xlsx workbook nor a text CSV file: export the list as xlsx or CSV UTF-8");
    }
    List<List<String>> table = new ArrayList<>();
    List<Integer> rowNumbers = new ArrayList<>();
    try {
      int n = 1;
      for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(text))) {
        List<String> cells = new ArrayList<>();
        record.forEach(cells::add);
        table.add(cells);
        rowNumbers.add(n++);
      }
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new InvalidInputException("file", "is not a readable CSV file (" + e.getMessage()
          + "): check the quotes and import again");
    }
    return rows(table, rowNumbers);
  }

  private static int offsetOfBadByte(byte[] bytes, int start) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  /** The nodes of a table whose first non-empty row is the header. */
  private Read rows(List<List<String>> table, List<Integer> rowNumbers) {
    List<Problem> problems = new ArrayList<>();
    List<ReadRow> nodes = new ArrayList<>();
    int headerAt = 0;
    while (headerAt < table.size() && blank(table.get(headerAt))) {
      headerAt++;
    }
    if (headerAt == table.size()) {
      throw new InvalidInputException("file", "holds no rows: the first row must be the header of the template"
          + " (编码 code, 层级 level, ...), then one row per node");
    }
    List<String> header = table.get(headerAt);
    int headerRow = rowNumbers.get(headerAt);
    Map<String, Integer> at = new HashMap<>();
    for (int c = 0; c < header.size(); c++) {
      String h = ListNode.clean(header.get(c));
      if (h == null) {
        continue;
      }
      Column column = column(h);
      if (column == null) {
        problems.add(new Problem(headerRow, columnLetter(c), null, "'" + h + "' is not a column of the template;"
            + " the columns are " + COLUMNS.stream().map(Column::header).toList()));
      } else if (at.putIfAbsent(column.key(), c) != null) {
        problems.add(new Problem(headerRow, column.key(), null, "the column is given twice; keep one"));
      }
    }
    for (Column column : COLUMNS) {
      if (column.required() && !at.containsKey(column.key())) {
        problems.add(new Problem(headerRow, column.key(), null, "the column '" + column.header() + "' is missing; add it"));
      }
    }
    if (!problems.isEmpty()) {
      return new Read(List.of(), problems);
    }
    for (int i = headerAt + 1; i < table.size(); i++) {
      List<String> cells = table.get(i);
      if (blank(cells)) {
        continue;
      }
      int row = rowNumbers.get(i);
      java.util.function.Function<String, String> cell = key -> {
        Integer c = at.get(key);
        return c == null || c >= cells.size() ? null : ListNode.clean(cells.get(c));
      };
      String code = cell.apply("code");
      List<Problem> rowProblems = new ArrayList<>();
      java.util.function.BiConsumer<String, String> bad = (key, message) -> rowProblems.add(new Problem(row, key, code, message));
      String level = word(cell.apply("level"), LEVEL_WORDS);
      Boolean gridAdmitted = bool(cell.apply("gridAdmitted"), "gridAdmitted", bad);
      Integer deadline = whole(cell.apply("deadlineHours"), "deadlineHours", bad);
      Integer radius = whole(cell.apply("dedupRadiusMetres"), "dedupRadiusMetres", bad);
      Boolean alarm = bool(cell.apply("raisesAlarm"), "raisesAlarm", bad);
      String co = cell.apply("coDepartments");
      List<ListNode.Question> questions = questions(cell.apply("questions"), bad);
      nodes.add(new ReadRow(row, ListNode.of(new ListNode(
          code, level, cell.apply("name"), cell.apply("nameEn"), cell.apply("parentCode"), cell.apply("leadDepartment"),
          co == null ? List.of() : Arrays.asList(co.split("[;,；，、\\s]+")),
          gridAdmitted, deadline, word(cell.apply("clockType"), CLOCK_WORDS), word(cell.apply("defaultRisk"), RISK_WORDS),
          radius, alarm, questions))));
      problems.addAll(rowProblems);
    }
    if (nodes.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(headerRow, "code", null, "the file holds the header but no nodes; add one row per node"));
    }
    return new Read(nodes, problems);
  }

  /** The column a header names: by its English key as a word of the header, else by its Chinese header. */
  private static Column column(String header) {
    for (Column column : COLUMNS) {
      for (String token : header.split("[\\s()（）/|]+")) {
        if (token.equalsIgnoreCase(column.key())) {
          return column;
        }
      }
    }
    for (Column column : COLUMNS) {
      if (header.equals(column.zh()) || header.startsWith(column.zh() + " ")) {
        return column;
      }
    }
    return null;
  }

  private static boolean blank(List<String> cells) {
    return cells.stream().allMatch(c -> c == null || c.isBlank());
  }

  private static String word(String value, Map<String, String> words) {
    return value == null ? null : words.getOrDefault(value, value);
  }

  private static Boolean bool(String value, String key, java.util.function.BiConsumer<String, String> bad) {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "是", "true", "yes", "y", "1" -> true;
      case "否", "false", "no", "n", "0" -> false;
      default -> {
        bad.accept(key, "must be 是 or 否 (true or false), got '" + value + "'");
        yield null;
      }
    };
  }

  private static Integer whole(String value, String key, java.util.function.BiConsumer<String, String> bad) {
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      bad.accept(key, "must be a whole number, got '" + value + "'");
      return null;
    }
  }

  private List<ListNode.Question> questions(String value, java.util.function.BiConsumer<String, String> bad) {
    if (value == null) {
      return List.of();
    }
    try {
      return Arrays.asList(json.readValue(value, ListNode.Question[].class));
    } catch (JacksonException e) {
      bad.accept("questions", "must be a JSON array such as [{\"code\":\"injured\",\"text\":\"是否有人受伤\","
          + "\"textEn\":\"Anyone hurt?\",\"type\":\"YES_NO\",\"required\":true}]: " + e.getOriginalMessage());
      return List.of();
    }
  }

  /** The spreadsheet letter of a 0-based column index. */
  static String columnLetter(int c) {
    StringBuilder s = new StringBuilder();
    for (int n = c + 1; n > 0; n = (n - 1) / 26) {
      s.insert(0, (char) ('A' + (n - 1) % 26));
    }
    return s.toString();
  }
}
