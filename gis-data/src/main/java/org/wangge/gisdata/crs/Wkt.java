package org.wangge.gisdata.crs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small WKT (1 or 2, ESRI or OGC) tree parser: KEYWORD[ "text" | number | KEYWORD[...] , ...]. */
final class Wkt {

  private Wkt() {}

  static final class Node {
    final String keyword;
    final List<Object> args = new ArrayList<>(); // String (quoted), Double, String (bare enum), Node

    Node(String keyword) {
      this.keyword = keyword;
    }

    String text(int i) {
      if (i < args.size() && args.get(i) instanceof String s) {
        return s;
      }
      return null;
    }

    double number(int i) {
      if (i < args.size()) {
        Object o = args.get(i);
        if (o instanceof Double d) {
          return d;
        }
        if (o instanceof String s) {
          try {
            return Double.parseDouble(s.strip());
          } catch (NumberFormatException e) {
            return Double.NaN;
          }
        }
      }
      return Double.NaN;
    }

    Node child(String... keywords) {
      for (Object o : args) {
        if (o instanceof Node n) {
          for (String k : keywords) {
            if (n.keyword.equals(k)) {
              return n;
            }
          }
        }
      }
      return null;
    }

    List<Node> children(String keyword) {
      List<Node> out = new ArrayList<>();
      for (Object o : args) {
        if (o instanceof Node n && n.keyword.equals(keyword)) {
          out.add(n);
        }
      }
      return out;
    }

    /** The EPSG code of this node's own AUTHORITY/ID child, or null. */
    Integer authorityCode() {
      for (Object o : args) {
        if (o instanceof Node n && (n.keyword.equals("AUTHORITY") || n.keyword.equals("ID"))) {
          String auth = n.text(0);
          if (auth != null && auth.strip().equalsIgnoreCase("EPSG")) {
            double code = n.number(1);
            if (Double.isFinite(code) && code == Math.rint(code)) {
              return (int) code;
            }
          }
        }
      }
      return null;
    }
  }

  static Node parse(String wkt) {
    Parser p = new Parser(wkt);
    p.skipBlanks();
    Node n = p.node();
    p.skipBlanks();
    return n;
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    void skipBlanks() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    Node node() {
      int start = i;
      while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      if (i == start) {
        throw new IllegalArgumentException("keyword expected at " + i);
      }
      Node n = new Node(s.substring(start, i).toUpperCase(Locale.ROOT));
      skipBlanks();
      if (i >= s.length() || (s.charAt(i) != '[' && s.charAt(i) != '(')) {
        throw new IllegalArgumentException("[ expected at " + i);
      }
      char close = s.charAt(i) == '[' ? ']' : ')';
      i++;
      while (true) {
        skipBlanks();
        if (i >= s.length()) {
          throw new IllegalArgumentException("unterminated " + n.keyword);
        }
        char c = s.charAt(i);
        if (c == close) {
          i++;
          return n;
        }
        if (c == ',') {
          i++;
          continue;
        }
        if (c == '"') {
          StringBuilder b = new StringBuilder();
          i++;
          while (true) {
            if (i >= s.length()) {
              throw new IllegalArgumentException("unterminated string");
            }
            char d = s.charAt(i++);
            if (d == '"') {
              if (i < s.length() && s.charAt(i) == '"') {
                b.append('"');
                i++;
                continue;
              }
              break;
            }
            b.append(d);
          }
          n.args.add(b.toString());
        } else if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
          int start2 = i;
          i++;
          while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
            i++;
          }
          try {
            n.args.add(Double.parseDouble(s.substring(start2, i)));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number at " + start2);
          }
        } else {
          int save = i;
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
          }
          int afterWord = i;
          skipBlanks();
          if (i < s.length() && (s.charAt(i) == '[' || s.charAt(i) == '(')) {
            i = save;
            n.args.add(node());
          } else {
            if (afterWord == save) {
              throw new IllegalArgumentException("unexpected '" + c + "' at " + save);
            }
            n.args.add(s.substring(save, afterWord)); // bare enum such as NORTH
          }
        }
      }
    }
  }
}
