-- Members (one of them an admin), a Data Protection key, member and guest readings (one shared),
-- and error-log rows of several levels, services and codes, all within the tables' check constraints.
INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp")
VALUES (gen_random_uuid(), 'admin', 'ADMIN', gen_random_uuid()::text);
INSERT INTO "AspNetUsers" ("Id", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
  "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed",
  "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
SELECT gen_random_uuid(), now() - make_interval(days => age), email, upper(email), email, upper(email),
  true, 'AQAAAAIAAYagAAAAE' || md5(email), upper(md5(random()::text)), gen_random_uuid()::text, false, false, true, 0
FROM (VALUES (40, 'ada@example.test'), (12, 'grace@example.test'), (3, 'linus@example.test'), (90, 'ops@example.test')) AS u(age, email);
INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
SELECT u."Id", r."Id" FROM "AspNetUsers" u CROSS JOIN "AspNetRoles" r WHERE u."Email" = 'ops@example.test' AND r."Name" = 'admin';
INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml")
VALUES ('key-' || gen_random_uuid(), '<key id="' || gen_random_uuid() || '" version="1"><creationDate>2026-11-01T00:00:00Z</creationDate></key>');
INSERT INTO readings (id, user_id, guest_id, kind, raw_input, normalized_input, depth, numbers, writer, sections, writer_note, created_at, seen_at, share_token)
SELECT gen_random_uuid(), u."Id", NULL, r.kind, r.raw_input, r.normalized_input, r.depth, r.numbers::jsonb, r.writer,
  r.sections::jsonb, r.writer_note, now() - make_interval(mins => r.age), now() - make_interval(mins => r.age), NULL
FROM "AspNetUsers" u
CROSS JOIN (VALUES
  ('time', '11:11', '11:11', 'lite', '{"input":"11:11","digits":"1111","digitSum":4,"reductionChain":[1111,4],"coreNumber":4,"isMasterNumber":false,"karmicDebtNumbers":[],"patterns":["doubleHour","repeatingDigits"],"angelNumber":"1111"}',
   'built-in', '[{"heading":"","body":"11:11 adds up to 4: steady ground under a bright idea.","points":[]}]', NULL, 30),
  ('number', ' 444 ', '444', 'standard', '{"input":"444","digits":"444","digitSum":12,"reductionChain":[444,12,3],"coreNumber":3,"isMasterNumber":false,"karmicDebtNumbers":[],"patterns":["repeatingDigits"],"angelNumber":"444"}',
   'openai:gpt-4o-mini', '[{"heading":"","body":"444 reduces through 12 to 3, the number of expression.","points":[]}]', NULL, 20),
  ('image', '12:21', '12:21', 'deep', '{"input":"12:21","digits":"1221","digitSum":6,"reductionChain":[1221,6],"coreNumber":6,"isMasterNumber":false,"karmicDebtNumbers":[],"patterns":["mirrorHour","palindrome"],"angelNumber":null}',
   'built-in', '[{"heading":"The numbers","body":"1 + 2 + 2 + 1 = 6.","points":[]},{"heading":"Questions for reflection","body":"","points":["What needs care today?"]}]',
   'Our AI writer could not help just now, so Vybe''s built-in writer wrote this reading. The numbers are the same either way.', 10)
) AS r(kind, raw_input, normalized_input, depth, numbers, writer, sections, writer_note, age)
WHERE u."Email" <> 'ops@example.test';
UPDATE readings SET share_token = 'drill-share-token-0123456789abcdef0123456789ab'
WHERE id = (SELECT min(id::text)::uuid FROM readings);
INSERT INTO readings (id, user_id, guest_id, kind, raw_input, normalized_input, depth, numbers, writer, sections, created_at, seen_at)
SELECT gen_random_uuid(), NULL, guest, 'number', '1212', '1212', 'lite',
  '{"input":"1212","digits":"1212","digitSum":6,"reductionChain":[1212,6],"coreNumber":6,"isMasterNumber":false,"karmicDebtNumbers":[],"patterns":["repeatedGroup"],"angelNumber":"1212"}'::jsonb,
  'built-in', '[{"heading":"","body":"1212 reduces to 6.","points":[]}]'::jsonb, now() - make_interval(days => age), now() - make_interval(days => age)
FROM (VALUES (gen_random_uuid(), 1), (gen_random_uuid(), 29)) AS g(guest, age);
INSERT INTO error_logs (ts, environment, service, level, request_id, user_id, code, message, details, ip, ua)
VALUES
  (now() - interval '3 days', 'test', 'web', 'error', gen_random_uuid(), NULL, 'UNHANDLED_ERROR',
   'InvalidOperationException: Sequence contains no elements', '{"type":"System.InvalidOperationException","stack":"at Vybe.Web.Pages.IndexModel.OnPostAsync()"}',
   '203.0.113.7', 'Mozilla/5.0 (X11; Linux x86_64)'),
  (now() - interval '3 days', 'test', 'web', 'error', gen_random_uuid(), NULL, 'HTTP_5XX',
   'POST / answered 500', '{"method":"POST","path":"/","status":500}', '203.0.113.7', 'Mozilla/5.0 (X11; Linux x86_64)'),
  (now() - interval '5 hours', 'test', 'web', 'error', gen_random_uuid(), (SELECT "Id" FROM "AspNetUsers" WHERE "Email" = 'ada@example.test'),
   'OPENAI_CREDITS_DEPLETED', 'The OpenAI account has no credits left (402).', '{"writer":"openai:gpt-4o-mini","depth":"deep","status":402}', '198.51.100.23', 'Mozilla/5.0'),
  (now() - interval '4 hours', 'test', 'web', 'error', gen_random_uuid(), NULL, 'OPENAI_RATE_LIMIT',
   'OpenAI kept answering 429 Too Many Requests.', '{"writer":"openai:gpt-4o-mini","depth":"lite","status":429}', '2001:db8::42', 'Mozilla/5.0'),
  (now() - interval '2 hours', 'test', 'web', 'warn', gen_random_uuid(), NULL, 'HISTORY_CORRUPT_ROW',
   'A stored reading could not be parsed', '{"readingId":"00000000-0000-0000-0000-000000000001"}', NULL, NULL),
  (now() - interval '1 hour', 'test', 'client', 'error', gen_random_uuid(), NULL, 'CLIENT_ERROR',
   'TypeError: x is undefined', '{"source":"/js/site.js","line":12}', '192.0.2.9', 'Mozilla/5.0 (Android 14)'),
  (now() - interval '5 minutes', 'production', 'web', 'info', NULL, NULL, NULL, 'Started', NULL, NULL, NULL);
