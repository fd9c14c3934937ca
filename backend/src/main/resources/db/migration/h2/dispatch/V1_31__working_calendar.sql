-- The working calendar's dated days (工作日历): public holidays (HOLIDAY, 放假, including the
-- weekdays given off with them) and make-up working days (MAKEUP_WORKDAY, 调休上班), one row per
-- date, edited by ADMINs (PUT/DELETE /api/calendar/days/{date}, audited as CALENDAR_DAY_CHANGED).
-- The working periods, the zone and the weekend stay in wangge.calendar.*. Every edit bumps
-- calendar_stamp in its transaction; every instance polls the stamp and reloads its calendar.
--
-- Seeded with 2025 and 2026 as the State Council General Office published them (checked date by
-- date against the full text, which replaces the list typed "from memory" in application.properties):
--   2025: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024-11-12,
--         https://www.gov.cn/zhengce/content/202411/content_6986382.htm
--         (full text as read: Xinhua via https://m.gmw.cn/2024-11/12/content_1303894933.htm)
--   2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04 (its document number was not in
--         the text found), https://www.gov.cn/zhengce/content/202511/content_7047090.htm
--         (full text as read: Xinhua via https://politics.gmw.cn/2025-11/04/content_38391083.htm)
-- See docs/working-calendar.md.
CREATE TABLE calendar_day (
  calendar_date DATE PRIMARY KEY,
  kind          VARCHAR(16) NOT NULL,
  name          VARCHAR(50) NOT NULL,
  changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  changed_by    VARCHAR(100) NOT NULL,
  CONSTRAINT calendar_day_kind_ck CHECK (REGEXP_LIKE(kind, '^(HOLIDAY|MAKEUP_WORKDAY)$'))
);

CREATE TABLE calendar_stamp (
  id         INTEGER PRIMARY KEY,
  stamp      BIGINT NOT NULL,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT calendar_stamp_one_row_ck CHECK (id = 1)
);
INSERT INTO calendar_stamp (id, stamp, changed_at) VALUES (1, 1, CURRENT_TIMESTAMP);

INSERT INTO calendar_day (calendar_date, kind, name, changed_at, changed_by) VALUES
-- 2025
  (DATE '2025-01-01', 'HOLIDAY', '元旦', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-01-26', 'MAKEUP_WORKDAY', '春节调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-01-28', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-01-29', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-01-30', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-01-31', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-02-01', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-02-02', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-02-03', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-02-04', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-02-08', 'MAKEUP_WORKDAY', '春节调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-04-04', 'HOLIDAY', '清明节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-04-05', 'HOLIDAY', '清明节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-04-06', 'HOLIDAY', '清明节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-04-27', 'MAKEUP_WORKDAY', '劳动节调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-05-01', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-05-02', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-05-03', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-05-04', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-05-05', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-05-31', 'HOLIDAY', '端午节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-06-01', 'HOLIDAY', '端午节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-06-02', 'HOLIDAY', '端午节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-09-28', 'MAKEUP_WORKDAY', '国庆节、中秋节调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-01', 'HOLIDAY', '国庆节、中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-02', 'HOLIDAY', '国庆节、中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-03', 'HOLIDAY', '国庆节、中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-04', 'HOLIDAY', '国庆节、中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-05', 'HOLIDAY', '国庆节、中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-06', 'HOLIDAY', '国庆节、中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-07', 'HOLIDAY', '国庆节、中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-08', 'HOLIDAY', '国庆节、中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2025-10-11', 'MAKEUP_WORKDAY', '国庆节、中秋节调休上班', CURRENT_TIMESTAMP, 'system'),
-- 2026
  (DATE '2026-01-01', 'HOLIDAY', '元旦', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-01-02', 'HOLIDAY', '元旦', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-01-03', 'HOLIDAY', '元旦', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-01-04', 'MAKEUP_WORKDAY', '元旦调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-14', 'MAKEUP_WORKDAY', '春节调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-15', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-16', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-17', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-18', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-19', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-20', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-21', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-22', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-23', 'HOLIDAY', '春节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-02-28', 'MAKEUP_WORKDAY', '春节调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-04-04', 'HOLIDAY', '清明节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-04-05', 'HOLIDAY', '清明节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-04-06', 'HOLIDAY', '清明节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-05-01', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-05-02', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-05-03', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-05-04', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-05-05', 'HOLIDAY', '劳动节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-05-09', 'MAKEUP_WORKDAY', '劳动节调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-06-19', 'HOLIDAY', '端午节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-06-20', 'HOLIDAY', '端午节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-06-21', 'HOLIDAY', '端午节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-09-20', 'MAKEUP_WORKDAY', '国庆节调休上班', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-09-25', 'HOLIDAY', '中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-09-26', 'HOLIDAY', '中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-09-27', 'HOLIDAY', '中秋节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-10-01', 'HOLIDAY', '国庆节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-10-02', 'HOLIDAY', '国庆节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-10-03', 'HOLIDAY', '国庆节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-10-04', 'HOLIDAY', '国庆节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-10-05', 'HOLIDAY', '国庆节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-10-06', 'HOLIDAY', '国庆节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-10-07', 'HOLIDAY', '国庆节', CURRENT_TIMESTAMP, 'system'),
  (DATE '2026-10-10', 'MAKEUP_WORKDAY', '国庆节调休上班', CURRENT_TIMESTAMP, 'system');
