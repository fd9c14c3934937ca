package org.wangge.open311;

import java.util.List;
import java.util.Map;

/**
 * Open311's XML form of the same answers the JSON gives: a root element holding one element per
 * item, each field an element ({@code <lat>27.8</lat>}, empty when null); a list field holds one
 * element per value named by the field without its final 's' ({@code
 * <keywords><keyword>…</keyword></keywords>}).
 */
final class Open311Xml {

  private Open311Xml() {}

  static String write(String root, String item, List<? extends Map<String, ?>> items) {
    var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<").append(root).append('>');
    for (Map<String, ?> map : items) {
      element(xml, item, map);
    }
    return xml.append("</").append(root).append(">\n").toString();
  }

  static String writeOne(String root, Map<String, ?> map) {
    var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    element(xml, root, map);
    return xml.append('\n').toString();
  }

  private static void element(StringBuilder xml, String name, Object value) {
    xml.append('<').append(name).append('>');
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> element(xml, k.toString(), v));
    } else if (value instanceof List<?> list) {
      String child = name.endsWith("s") ? name.substring(0, name.length() - 1) : name + "_item";
      list.forEach(v -> element(xml, child, v));
    } else if (value != null) {
      escape(xml, value.toString());
    }
    xml.append("</").append(name).append('>');
  }

  private static void escape(StringBuilder xml, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '&' -> xml.append("&amp;");
        case '"' -> xml.append("&quot;");
        case '\'' -> xml.append("&apos;");
        default -> {
          // Characters XML 1.0 cannot carry are left out.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            xml.append(c);
          }
        }
      }
    }
  }
}
