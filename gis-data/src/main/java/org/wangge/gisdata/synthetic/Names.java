package org.wangge.gisdata.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Plausible Chinese place and person names. Curated names come first (in a seeded order where that
 * does not matter), then names composed from two characters, always unique within one {@link Pool}.
 * Deterministic.
 */
final class Names {

  private Names() {}

  static final String PROVINCE = "江西省";
  static final String CITY = "新余市";
  static final String CITY_CODE = "3605";

  /** District names and codes, in the order districts are numbered. */
  static final String[] DISTRICT_NAMES = {
    "渝水区", "分宜县", "仙女湖区", "高新区", "孔目江区", "钤山县", "良山区", "罗坊区", "水北区", "欧里区"
  };

  static final String[] STREET_NAMES = {
    "城北街道", "城南街道", "袁河街道", "新钢街道", "仙来街道", "下村街道", "珠珊街道", "孔目江街道", "渝东街道", "秀江街道", "城东街道", "城西街道",
    "钤阳街道", "水西街道", "良山街道", "观巢街道"
  };

  static final String[] COMMUNITY_WORDS = {
    "胜利", "长青", "抱石", "团结", "和平", "新华", "解放", "光明", "建设", "人民", "幸福", "春晖", "秀水", "仙来", "袁河", "明珠",
    "天工", "百花", "东湖", "西湖", "南苑", "北苑", "锦绣", "嘉园", "丽景", "翠微", "康乐", "文化", "育才", "书院", "龙腾", "凤凰",
    "金桥", "银河", "新城", "钢城", "湖泽", "白竹", "昌坊", "公园", "劳动", "北湖", "新欣", "渝州", "沿江", "学府", "五一", "八一",
    "新钢", "城北", "城南", "江口", "下村", "珠珊", "水北", "欧里", "罗坊", "良山", "观巢", "人和", "春龙", "福田", "天宫", "仰天岗",
    "孔目江", "毓秀", "阳光", "紫荆", "桂花", "樟树", "荷花", "青山", "绿洲", "瑞景", "兴业", "永安", "丰收", "新民", "友谊", "前进",
    "振兴", "宏图", "安居", "乐园", "华都", "盛世", "凯旋", "汇金", "湖滨", "江滨", "河西", "河东", "站前", "塘下", "虎瞰", "圣水",
    "北岗", "暨阳", "太平", "双林", "槎溪", "洋江", "介桥", "钤东", "钤西", "昌山", "杨桥", "操场"
  };

  private static final String[] FIRST_CHARS = {
    "金", "银", "玉", "秀", "翠", "青", "龙", "凤", "新", "东", "西", "南", "北", "明", "光", "和", "安", "康", "福",
    "春", "锦", "文", "华", "嘉", "富", "丰", "兴", "盛", "宏", "仁", "德", "永", "长", "天", "泰", "昌", "佳", "瑞",
    "祥", "荣", "桂", "樟", "松", "竹", "梅", "兰", "白", "红", "绿", "紫", "清", "广", "鹏", "云", "月", "星", "宝"
  };

  private static final String[] SECOND_CHARS = {
    "桥", "湖", "园", "苑", "山", "江", "河", "林", "城", "阳", "源", "泉", "岭", "塘", "坪", "洲", "港", "湾", "庄",
    "溪", "华", "安", "兴", "辉", "景", "庭", "岗", "坊", "田", "村", "门", "台", "亭", "峰", "滨"
  };

  static final String[] ROAD_STEMS = {
    "胜利", "劳动", "仙来", "北湖", "抱石", "团结", "长青", "新欣", "渝州", "沿江", "建设", "人民", "解放", "五一",
    "八一", "和平", "光明", "学府", "天工", "钢城", "袁河", "昌坊", "白竹", "秀水", "湖泽", "赣西", "公园", "东门",
    "西门", "南门", "北门", "站前", "渝东", "城南", "城北", "高铁", "新城", "迎宾", "明志", "育民", "孔目江", "仰天岗",
    "天宫", "仙女湖", "钤山", "府前", "文化", "体育", "商业", "书院", "凤凰", "龙腾", "春龙", "毓秀", "下村", "珠珊"
  };

  static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾",
    "彭", "吕", "敖", "欧阳", "习", "简", "钟", "廖", "邹", "熊", "付", "晏"
  };

  /** Relative frequency of each surname (roughly the national ranking, with Jiangxi flavour). */
  static final double[] SURNAME_WEIGHTS = {
    7.2, 7.0, 6.8, 5.4, 4.5, 3.1, 2.3, 2.2, 2.0, 1.8, 1.7, 1.5, 1.4, 1.3, 1.3, 1.2, 1.1, 1.1, 1.0,
        1.0, 0.8, 0.8,
    0.8, 0.8, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.5, 0.5, 0.6, 0.5, 0.5, 0.3,
        0.3, 0.2, 0.3,
    0.5, 0.5, 0.5, 0.5, 0.4, 0.3
  };

  static final String[] GIVEN_CHARS = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞",
    "平", "刚", "桂", "英", "华", "建", "国", "文", "辉", "玲", "红", "斌", "鹏", "宇", "浩", "婷", "雪", "慧", "琳",
    "志", "海", "峰", "林", "云", "春", "晓", "兰", "萍", "欣", "梅", "俊", "亮", "宏", "新", "凤", "金", "玉", "燕",
    "丹", "晨", "阳", "荣", "昊", "子", "思", "雨", "佳", "嘉", "欢", "琴", "翔", "波", "冬", "德", "永", "成"
  };

  /** A set of names unique among themselves: curated names first, then composed ones. */
  static final class Pool {
    private final List<String> curated;
    private final String suffix;
    private final SplittableRandom random;
    private final Set<String> used = new TreeSet<>();
    private int next;

    /**
     * @param curated names to hand out first, in this order (each with {@code suffix} added)
     * @param suffix added to every name, e.g. "社区"
     */
    Pool(List<String> curated, String suffix, SplittableRandom random) {
      this.curated = curated;
      this.suffix = suffix;
      this.random = random;
    }

    String next() {
      while (next < curated.size()) {
        String name = curated.get(next++) + suffix;
        if (used.add(name)) {
          return name;
        }
      }
      for (int attempt = 0; attempt < 10_000; attempt++) {
        String name =
            FIRST_CHARS[random.nextInt(FIRST_CHARS.length)]
                + SECOND_CHARS[random.nextInt(SECOND_CHARS.length)]
                + suffix;
        if (used.add(name)) {
          return name;
        }
      }
      // Fall back to numbered names; not reached for supported city sizes.
      for (int i = 2; ; i++) {
        String name = curated.get(0) + i + suffix;
        if (used.add(name)) {
          return name;
        }
      }
    }

    /** Marks a name as taken so that {@link #next} never returns it. */
    void reserve(String name) {
      used.add(name);
    }
  }

  /** {@code words} in a seeded random order. */
  static List<String> shuffled(String[] words, SplittableRandom random) {
    List<String> list = new ArrayList<>(List.of(words));
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
    return list;
  }

  /** A person's name: a surname and one or two given-name characters. */
  static String person(SplittableRandom random, double[] surnameCumulative) {
    String surname = SURNAMES[Hashing.weighted(random, surnameCumulative)];
    String given = GIVEN_CHARS[random.nextInt(GIVEN_CHARS.length)];
    if (random.nextDouble() < 0.7) {
      given += GIVEN_CHARS[random.nextInt(GIVEN_CHARS.length)];
    }
    return surname + given;
  }
}
