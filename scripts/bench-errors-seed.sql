-- Seed for scripts/bench-errors.sh: :rows error_logs rows in :fingerprints fingerprints, and the issue
-- tables as ErrorIssueTracker would have left them after writing those rows (one issue per
-- fingerprint, no merges), all in SQL with generate_series. Run on a database the app's migrations
-- created, with psql -v rows=... -v fingerprints=...
--
-- What the data looks like:
-- - Sizes follow a power law (weight rank^-1.3): a few issues hold most rows, the smallest have a dozen or so.
-- - Times lie within the last 30 days. The 15 biggest issues run all month and are still going;
--   the others straddle a release (and some are still going), so most issues are seen in 2 or 3 releases.
-- - Three releases, deployed 30, 20 and 10 days ago; a row's release is the one running at its time.
-- - Three kinds: server exceptions (service web, UNHANDLED_ERROR, a .NET stack whose top two frames
--   in Vybe's code tell the fingerprints apart), browser errors (service client, CLIENT_ERROR, a
--   Chrome stack), and 20 coded server messages without a stack (OPENAI_TIMEOUT, EMAIL_SEND_FAILED,
--   DATABASE_UNAVAILABLE…, some warn or info).
-- - Messages carry variable parts (numbers, UUIDs, quoted names) where the fingerprint has
--   placeholders; each fingerprint's hash is computed as ErrorFingerprint.Of does (SHA-256 of
--   service, level, code, normalised message and top frames, joined by line feeds, first 32 hex
--   digits) over the normalised template, so rows the app writes later with the same shape would
--   join these issues.
-- - Members (3,000, by id) and guests (addresses from 198.18.0.0/15, the benchmarking range),
--   skewed so that some users hit an issue often; background rows have neither.
\set ON_ERROR_STOP on
SET TimeZone = 'UTC';
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
DO $$ BEGIN PERFORM setseed(0.17); END $$;

BEGIN;

-- --- The fingerprints -------------------------------------------------------------------------

CREATE TEMP TABLE seed_dotnet_type (i int PRIMARY KEY, name text) ON COMMIT DROP;
INSERT INTO seed_dotnet_type SELECT ordinality - 1, name FROM unnest(ARRAY[
  'Vybe.Web.Readings.ReadingService', 'Vybe.Web.Readings.OpenAIReadingWriter', 'Vybe.Web.History.HistoryStore',
  'Vybe.Web.History.GuestHistoryMerge', 'Vybe.Web.Ocr.PhotoReader', 'Vybe.Web.Ocr.TesseractEnginePool',
  'Vybe.Web.Accounts.AccountMail', 'Vybe.Web.Pages.IndexModel', 'Vybe.Web.Pages.History.IndexModel',
  'Vybe.Web.Pages.Account.LoginModel', 'Vybe.Web.Pages.Numbers.IndexModel', 'Vybe.Web.Sharing.ShareCardRenderer',
  'Vybe.Web.History.HistoryExport', 'Vybe.Web.Readings.NumerologyEngine', 'Vybe.Web.Web.RateLimiting',
  'Vybe.Web.ErrorLog.ClientErrorEndpoint']) WITH ORDINALITY AS t(name, ordinality);

CREATE TEMP TABLE seed_dotnet_method (i int PRIMARY KEY, name text) ON COMMIT DROP;
INSERT INTO seed_dotnet_method SELECT ordinality - 1, name FROM unnest(ARRAY[
  'ReadAsync', 'SaveAsync', 'LoadAsync', 'OnGetAsync', 'OnPostAsync', 'RenderAsync', 'MergeAsync', 'ExportAsync',
  'DecodeAsync', 'WriteAsync', 'ComputeAsync', 'ValidateAsync']) WITH ORDINALITY AS t(name, ordinality);

CREATE TEMP TABLE seed_dotnet_exception (i int PRIMARY KEY, type text, template text) ON COMMIT DROP;
INSERT INTO seed_dotnet_exception VALUES
  (0, 'System.NullReferenceException', 'Object reference not set to an instance of an object.'),
  (1, 'System.InvalidOperationException', 'Sequence contains no elements'),
  (2, 'System.TimeoutException', 'The operation has timed out after <n> ms'),
  (3, 'Npgsql.NpgsqlException', 'Exception while reading from stream: Timeout during reading attempt'),
  (4, 'System.Threading.Tasks.TaskCanceledException', 'A task was canceled.'),
  (5, 'System.ArgumentOutOfRangeException', 'Index was out of range. Must be non-negative and less than the size of the collection. (Parameter <str>)'),
  (6, 'System.Collections.Generic.KeyNotFoundException', 'The given key <str> was not present in the dictionary.'),
  (7, 'System.FormatException', 'The input string <str> was not in a correct format.'),
  (8, 'System.Text.Json.JsonException', 'The JSON value could not be converted to ReadingSections. Path: $.sections | LineNumber: <n> | BytePositionInLine: <n>.'),
  (9, 'System.IO.IOException', 'Unable to read data from the transport connection: Connection reset by peer.'),
  (10, 'Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException', 'The database operation was expected to affect <n> row(s), but actually affected <n> row(s).'),
  (11, 'System.Net.Http.HttpRequestException', 'The SSL connection could not be established, see inner exception.'),
  (12, 'System.OperationCanceledException', 'The operation was canceled.'),
  (13, 'Npgsql.PostgresException', '<n>: canceling statement due to statement timeout');

CREATE TEMP TABLE seed_script (i int PRIMARY KEY, path text) ON COMMIT DROP;
INSERT INTO seed_script SELECT ordinality - 1, path FROM unnest(ARRAY[
  '/js/app.js', '/js/reading-form.js', '/js/local-time.js', '/js/share.js', '/js/history.js', '/js/error-reporter.js',
  '/js/web-vitals-report.js', '/lib/htmx/htmx.min.js', '/js/theme.js', '/js/photo-upload.js']) WITH ORDINALITY AS t(path, ordinality);

CREATE TEMP TABLE seed_script_function (i int PRIMARY KEY, name text) ON COMMIT DROP;
INSERT INTO seed_script_function SELECT ordinality - 1, name FROM unnest(ARRAY[
  'onSubmit', 'render', 'formatLocalTime', 'copyLink', 'handleSwap', 'report', 'init', 'updateCount', 'parseReading',
  'showToast', 'processNode', 'issueAjaxRequest']) WITH ORDINALITY AS t(name, ordinality);

CREATE TEMP TABLE seed_browser_message (i int PRIMARY KEY, kind text, template text) ON COMMIT DROP;
INSERT INTO seed_browser_message VALUES
  (0, 'error', 'TypeError: Cannot read properties of null (reading <str>)'),
  (1, 'error', 'TypeError: Cannot read properties of undefined (reading <str>)'),
  (2, 'error', 'ReferenceError: webVitals is not defined'),
  (3, 'unhandledrejection', 'TypeError: Failed to fetch'),
  (4, 'unhandledrejection', 'NetworkError when attempting to fetch resource.'),
  (5, 'error', 'TypeError: htmx.process is not a function'),
  (6, 'error', 'SyntaxError: Unexpected end of JSON input'),
  (7, 'error', 'Error: Request timeout after <n> ms (htmx:timeout)'),
  (8, 'unhandledrejection', 'TypeError: Load failed'),
  (9, 'error', 'ResizeObserver loop completed with undelivered notifications.');

-- Coded server messages: no stack; background ones (e-mail, start-up) have no request and no user.
CREATE TEMP TABLE seed_coded (i int PRIMARY KEY, level text, code text, template text, background boolean) ON COMMIT DROP;
INSERT INTO seed_coded VALUES
  (0, 'warn', 'OPENAI_TIMEOUT', 'The OpenAI writer did not answer within <n> s (timeout) for a standard reading; the built-in reading was shown', false),
  (1, 'warn', 'OPENAI_TIMEOUT', 'The OpenAI writer did not answer within <n> s (timeout) for a deep reading; the built-in reading was shown', false),
  (2, 'warn', 'OPENAI_TIMEOUT', 'The OpenAI writer did not answer within <n> s (timeout) for a lite reading; the built-in reading was shown', false),
  (3, 'warn', 'OPENAI_RATE_LIMIT', 'OpenAI rate limit reached for a standard reading; retry after <n> s', false),
  (4, 'warn', 'OPENAI_RATE_LIMIT', 'OpenAI rate limit reached for a deep reading; retry after <n> s', false),
  (5, 'warn', 'OPENAI_RATE_LIMIT', 'OpenAI rate limit reached for a lite reading; retry after <n> s', false),
  (6, 'error', 'EMAIL_SEND_FAILED', 'Could not send the confirmation e-mail after <n> attempts: SMTP connection timeout', true),
  (7, 'error', 'EMAIL_SEND_FAILED', 'Could not send the password-reset e-mail after <n> attempts: SMTP connection timeout', true),
  (8, 'error', 'EMAIL_SEND_FAILED', 'Could not send the change-of-address e-mail after <n> attempts: mailbox unavailable', true),
  (9, 'error', 'DATABASE_UNAVAILABLE', 'The database did not answer within <n> s on /', false),
  (10, 'error', 'DATABASE_UNAVAILABLE', 'The database did not answer within <n> s on /history', false),
  (11, 'error', 'DATABASE_UNAVAILABLE', 'The database did not answer within <n> s on /numbers', false),
  (12, 'error', 'DATABASE_UNAVAILABLE', 'The database did not answer within <n> s on /Account/Login', false),
  (13, 'error', 'DATABASE_UNAVAILABLE', 'The database did not answer within <n> s on /Account/Signup', false),
  (14, 'error', 'DATABASE_UNAVAILABLE', 'The database did not answer within <n> s on /Admin/Errors', false),
  (15, 'warn', 'HISTORY_CORRUPT_ROW', 'A saved reading could not be read and was skipped: <uuid>', false),
  (16, 'info', 'MISSING_API_KEY', 'OpenAI:ApiKey is not set; readings use the built-in writer', true),
  (17, 'warn', 'OPENAI_INVALID_OUTPUT', 'The OpenAI writer returned a reading without sections for a deep reading', false),
  (18, 'error', 'OPENAI_CREDITS_DEPLETED', 'OpenAI refused the request: the account has no credits left', false),
  (19, 'warn', 'OPENAI_API_ERROR', 'OpenAI answered with an error for a standard reading: server_error', false);

CREATE TEMP TABLE seed_release (i int PRIMARY KEY, name text, deployed timestamptz) ON COMMIT DROP;
INSERT INTO seed_release VALUES
  (1, '1.4.0+9c1e2f7', now() - interval '30 days'),
  (2, '1.5.0+3b8d4a0', now() - interval '20 days'),
  (3, '1.6.0+e71f5c2', now() - interval '10 days');

-- Rank n (1 = biggest) decides the size; the kind and the frames come from n, so every fingerprint differs.
CREATE TEMP TABLE seed_fp ON COMMIT DROP AS
WITH ranks AS (
  SELECT n, power(n, -1.3) AS weight FROM generate_series(1, :fingerprints) AS n
), sized AS (
  SELECT n, greatest(1, floor(:rows * weight / sum(weight) OVER ()))::int AS cnt FROM ranks
), counted AS (
  SELECT n, cnt + CASE WHEN n = 1 THEN :rows - sum(cnt) OVER () ELSE 0 END AS cnt FROM sized
), kinds AS (
  SELECT n, cnt,
         CASE WHEN n % 100 = 7 THEN 'coded' WHEN n % 5 IN (2, 4) THEN 'browser' ELSE 'dotnet' END AS kind
  FROM counted
)
SELECT k.n, k.cnt, k.kind,
       -- .NET: the culprit a.b and its caller c.d, a <> c (n < 2,880 keeps (a, b, c) unique).
       n % 16 AS a, (n / 16) % 12 AS b, (n % 16 + 1 + (n / 192) % 15) % 16 AS c, (n / 16 + 5) % 12 AS d,
       -- Browser: the culprit script a.function b and its caller c.d ((a, b, c) repeats every
       -- 1,080, where d tells them apart).
       n % 10 AS sa, (n / 10) % 12 AS sb, (n % 10 + 1 + (n / 120) % 9) % 10 AS sc, ((n / 1080) * 5 + n / 10 + 7) % 12 AS sd,
       (n * 7) % 14 AS exception, (n * 3) % 10 AS browser_message, (n / 100) % 20 AS coded,
       random() AS r1, random() AS r2, random() AS r3
FROM kinds k;

ALTER TABLE seed_fp ADD service text, ADD level text, ADD code text, ADD template text, ADD frames text[],
  ADD stack_tail text, ADD exception_type text, ADD kind_detail text, ADD background boolean,
  ADD path text, ADD start_ts timestamptz, ADD end_ts timestamptz, ADD fingerprint text, ADD issue_id bigint;

UPDATE seed_fp f SET service = 'web', level = 'error', code = 'UNHANDLED_ERROR', template = e.template,
       exception_type = e.type, background = false,
       frames = ARRAY[t1.name || '.' || m1.name, t2.name || '.' || m2.name],
       path = (ARRAY['/', '/history', '/numbers', '/Account/Login', '/r/view', '/Admin/Errors'])[1 + f.n % 6],
       stack_tail =
         E'\n   at ' || t1.name || '.' || m1.name || '(CancellationToken cancellationToken) in /src/Vybe.Web/'
           || replace(substr(t1.name, 10), '.', '/') || '.cs:line ' || (20 + f.n % 180)
         || E'\n   at ' || t2.name || '.' || m2.name || '(HttpContext context, CancellationToken cancellationToken) in /src/Vybe.Web/'
           || replace(substr(t2.name, 10), '.', '/') || '.cs:line ' || (30 + f.n % 140)
         || E'\n   at Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.ExecutorFactory.GenericTaskHandlerMethod.Convert[T](Object taskAsObject)'
         || E'\n   at Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.ExecutorFactory.GenericTaskHandlerMethod.Execute(Object receiver, Object[] arguments)'
         || E'\n   at Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageActionInvoker.InvokeHandlerMethodAsync()'
         || E'\n   at Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageActionInvoker.InvokeNextPageFilterAsync()'
         || E'\n--- End of stack trace from previous location ---'
         || E'\n   at Microsoft.AspNetCore.Mvc.Infrastructure.ResourceInvoker.<InvokeFilterPipelineAsync>g__Awaited|20_0(ResourceInvoker invoker, Task lastTask, State next, Scope scope, Object state, Boolean isCompleted)'
         || E'\n   at Microsoft.AspNetCore.Routing.EndpointMiddleware.<Invoke>g__AwaitRequestTask|7_0(Endpoint endpoint, Task requestTask, ILogger logger)'
         || E'\n   at Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddlewareImpl.<Invoke>g__Awaited|10_0(ExceptionHandlerMiddlewareImpl middleware, HttpContext context, Task task)'
FROM seed_dotnet_exception e, seed_dotnet_type t1, seed_dotnet_method m1, seed_dotnet_type t2, seed_dotnet_method m2
WHERE f.kind = 'dotnet' AND e.i = f.exception AND t1.i = f.a AND m1.i = f.b AND t2.i = f.c AND m2.i = f.d;

UPDATE seed_fp f SET service = 'client', level = 'error', code = 'CLIENT_ERROR', template = bm.template,
       kind_detail = bm.kind, background = false,
       frames = ARRAY[s1.path || ':' || fn1.name, s2.path || ':' || fn2.name],
       path = (ARRAY['/', '/history', '/numbers', '/Account/Login', '/r/view', '/s/card'])[1 + f.n % 6],
       -- A Chrome stack; {v} becomes the release's asset version, which never takes part in the fingerprint.
       stack_tail =
         E'\n    at ' || fn1.name || ' (https://vybe.example' || s1.path || '?v={v}:' || (10 + f.n % 300) || ':' || (5 + f.n % 40) || ')'
         || E'\n    at ' || fn2.name || ' (https://vybe.example' || s2.path || '?v={v}:' || (12 + f.n % 200) || ':' || (3 + f.n % 30) || ')'
FROM seed_browser_message bm, seed_script s1, seed_script_function fn1, seed_script s2, seed_script_function fn2
WHERE f.kind = 'browser' AND bm.i = f.browser_message AND s1.i = f.sa AND fn1.i = f.sb AND s2.i = f.sc AND fn2.i = f.sd;

UPDATE seed_fp f SET service = 'web', level = c.level, code = c.code, template = c.template, background = c.background,
       frames = ARRAY[]::text[],
       path = CASE WHEN c.code = 'DATABASE_UNAVAILABLE' THEN substr(c.template, strpos(c.template, ' on /') + 4)
                   ELSE (ARRAY['/', '/history', '/numbers'])[1 + f.n % 3] END
FROM seed_coded c
WHERE f.kind = 'coded' AND c.i = f.coded;

-- The biggest issues run all month and are still going; some of the tail is still going too; the
-- rest straddles the deployment of release 2 or 3 and has stopped: when each fingerprint's rows happen.
UPDATE seed_fp SET
  start_ts = CASE
    WHEN n <= 15 THEN now() - interval '30 days' + r1 * interval '1 day'
    WHEN r3 < 0.3 THEN greatest(now() - interval '30 days', now() - (r1 + 1 + r2 * 24) * interval '1 day')
    ELSE greatest(now() - interval '30 days', now() - (CASE WHEN n % 2 = 0 THEN 20 ELSE 10 END + 0.5 + r1 * 9) * interval '1 day')
  END,
  end_ts = CASE
    WHEN n <= 15 THEN now() - r2 * interval '20 minutes'
    WHEN r3 < 0.3 THEN now() - r1 * interval '1 day'
    ELSE least(now() - interval '1 hour', now() - (CASE WHEN n % 2 = 0 THEN 20 ELSE 10 END - 0.5 - r2 * 9) * interval '1 day')
  END;

-- ErrorFingerprint.Of: the key is service, level, code, normalised message and frames joined by "\n".
UPDATE seed_fp SET fingerprint = left(encode(sha256(convert_to(
  array_to_string(ARRAY[service, level, coalesce(code, ''), template] || frames, E'\n'), 'UTF8')), 'hex'), 32);

-- Issue ids in the order the issues appeared, as the writer would have created them.
UPDATE seed_fp f SET issue_id = o.id
FROM (SELECT n, row_number() OVER (ORDER BY start_ts, n) AS id FROM seed_fp) o
WHERE o.n = f.n;

DO $$
BEGIN
  IF (SELECT count(DISTINCT fingerprint) FROM seed_fp) <> (SELECT count(*) FROM seed_fp) THEN
    RAISE EXCEPTION 'two seeded fingerprints share a hash';
  END IF;
  IF EXISTS (SELECT 1 FROM seed_fp WHERE template IS NULL OR start_ts >= end_ts) THEN
    RAISE EXCEPTION 'a seeded fingerprint has no template or an empty time window';
  END IF;
END $$;

-- --- The rows ----------------------------------------------------------------------------------

-- Each row's time, sorted, so that ids grow with time as they do when a writer appends.
CREATE TEMP TABLE seed_rows (id bigint GENERATED ALWAYS AS IDENTITY, n int, ts timestamptz) ON COMMIT DROP;
INSERT INTO seed_rows (n, ts)
SELECT f.n, f.start_ts + (f.end_ts - f.start_ts) * ((i - 1 + random()) / f.cnt) AS ts
FROM seed_fp f, generate_series(1, f.cnt) AS i
ORDER BY ts;

ALTER TABLE seed_release ADD asset_version text;
UPDATE seed_release SET asset_version = left(encode(sha256(convert_to(name, 'UTF8')), 'base64'), 10);
UPDATE seed_release SET asset_version = translate(asset_version, '+/', '-_');

-- The indexes are built once after the load rather than maintained row by row: the same
-- definitions, dropped and created again.
CREATE TEMP TABLE seed_indexes ON COMMIT DROP AS
  SELECT indexname, indexdef FROM pg_indexes
  WHERE schemaname = current_schema() AND tablename = 'error_logs' AND indexname <> 'pk_error_logs';
DO $$
DECLARE index_name text;
BEGIN
  FOR index_name IN SELECT indexname FROM seed_indexes LOOP
    EXECUTE format('DROP INDEX %I', index_name);
  END LOOP;
END $$;

INSERT INTO error_logs (id, ts, environment, service, level, request_id, user_id, code, message, details, ip, ua, release, fingerprint, issue_id)
SELECT r.id, r.ts, 'production', f.service, f.level, x.request_id, x.user_id, f.code, x.message,
       CASE f.kind
         WHEN 'dotnet' THEN jsonb_build_object(
           'type', f.exception_type, 'stack', f.exception_type || ': ' || x.message || f.stack_tail,
           'method', CASE WHEN f.n % 3 = 0 THEN 'POST' ELSE 'GET' END, 'path', f.path, 'query', '{}'::jsonb)
         WHEN 'browser' THEN jsonb_build_object(
           'kind', f.kind_detail, 'source', 'https://vybe.example' || f.frames[1] || '?v=' || rel.asset_version,
           'line', 10 + f.n % 300, 'column', 5 + f.n % 40,
           'stack', x.message || replace(f.stack_tail, '{v}', rel.asset_version),
           'page', 'https://vybe.example' || f.path, 'status', NULL)
         ELSE CASE
           WHEN f.code = 'MISSING_API_KEY' THEN NULL
           WHEN f.code = 'EMAIL_SEND_FAILED' THEN jsonb_build_object('mail', split_part(f.template, ' ', 4), 'attempts', 4)
           ELSE jsonb_build_object('method', 'GET', 'path', f.path, 'elapsedMs', (x.u * 30000)::int)
         END
       END,
       x.ip, x.ua, rel.name, f.fingerprint, f.issue_id
FROM seed_rows r
JOIN seed_fp f ON f.n = r.n
JOIN seed_release rel ON rel.i = CASE WHEN r.ts >= now() - interval '10 days' THEN 3 WHEN r.ts >= now() - interval '20 days' THEN 2 ELSE 1 END
CROSS JOIN LATERAL (
  SELECT u,
         replace(replace(replace(f.template,
           '<n>', (1 + floor(u * 30000))::int::text),
           '<str>', (ARRAY['''value''', '''id''', '''length''', '''sections''', '''dataset''', '''index'''])[1 + floor(u * 6)::int]),
           '<uuid>', CASE WHEN strpos(f.template, '<uuid>') > 0 THEN gen_random_uuid()::text ELSE '' END) AS message,
         CASE WHEN f.background THEN NULL ELSE gen_random_uuid() END AS request_id,
         CASE WHEN member THEN md5('vybe-bench-member-' || member_key)::uuid END AS user_id,
         CASE WHEN f.background THEN NULL
              WHEN member THEN '198.18.0.0'::inet + (20000 + member_key)
              ELSE '198.18.0.0'::inet + floor(20000 * power(random(), 1.5))::int END AS ip,
         CASE WHEN f.background THEN NULL
              ELSE (ARRAY[
                'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
                'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
                'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
                'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
                'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
                'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'
              ])[1 + floor(random() * 6)::int] END AS ua
  FROM (SELECT random() AS u,
               NOT f.background AND random() < CASE f.kind WHEN 'dotnet' THEN 0.35 WHEN 'browser' THEN 0.2 ELSE 0.3 END AS member,
               floor(3000 * power(random(), 2))::int AS member_key
        -- r.id keeps the subquery per row (without it the planner may evaluate random() once).
        WHERE r.id IS NOT NULL) AS draws
) AS x;

DO $$
DECLARE definition text;
BEGIN
  FOR definition IN SELECT indexdef FROM seed_indexes LOOP
    EXECUTE definition;
  END LOOP;
END $$;
DO $$ BEGIN PERFORM setval(pg_get_serial_sequence('error_logs', 'id'), (SELECT max(id) FROM error_logs)); END $$;

-- --- The issue tables, from the rows -----------------------------------------------------------

INSERT INTO error_issues (id, fingerprint, service, level, code, title, culprit, first_seen, last_seen, event_count,
                          users_count, last_release, status, resolved_in_next_release)
SELECT f.issue_id, f.fingerprint, f.service, f.level, f.code, left(first_row.message, 300), left(f.frames[1], 300),
       a.first_seen, a.last_seen, a.event_count, 0, last_row.release, 'open', false
FROM seed_fp f
JOIN (SELECT issue_id, min(ts) AS first_seen, max(ts) AS last_seen, count(*) AS event_count, min(id) AS first_id, max(id) AS last_id
      FROM error_logs GROUP BY issue_id) a ON a.issue_id = f.issue_id
JOIN error_logs first_row ON first_row.id = a.first_id
JOIN error_logs last_row ON last_row.id = a.last_id;
DO $$ BEGIN PERFORM setval(pg_get_serial_sequence('error_issues', 'id'), (SELECT max(id) FROM error_issues)); END $$;

INSERT INTO error_issue_fingerprints (fingerprint, issue_id, original_issue_id, first_seen, last_seen, event_count)
SELECT fingerprint, id, id, first_seen, last_seen, event_count FROM error_issues;

-- ErrorIssueTracker.UserKeyOf: members by id, guests by address.
INSERT INTO error_issue_users (fingerprint, user_key)
SELECT DISTINCT fingerprint, CASE WHEN user_id IS NOT NULL THEN 'u:' || user_id::text ELSE 'ip:' || host(ip) END
FROM error_logs
WHERE user_id IS NOT NULL OR ip IS NOT NULL;

UPDATE error_issues i SET users_count = u.users
FROM (SELECT fingerprint, count(*) AS users FROM error_issue_users GROUP BY fingerprint) u
WHERE u.fingerprint = i.fingerprint;

INSERT INTO error_issue_releases (fingerprint, release, first_seen, last_seen, event_count)
SELECT fingerprint, release, min(ts), max(ts), count(*) FROM error_logs GROUP BY fingerprint, release;

INSERT INTO error_releases (name, first_seen)
SELECT release, min(ts) FROM error_logs GROUP BY release;

-- Every hour the writer counted (TimeZone is UTC, so date_trunc cuts UTC hours).
INSERT INTO error_issue_hours (fingerprint, hour, event_count)
SELECT fingerprint, date_trunc('hour', ts), count(*) FROM error_logs GROUP BY fingerprint, date_trunc('hour', ts);

-- Decisions an admin made, in states the writer would have kept: resolved issues have not been
-- seen since, snoozes have not run out, and a few open issues came back after a resolution.
UPDATE error_issues i SET status = 'resolved', resolved_at = i.last_seen + interval '2 hours',
       resolved_in_release = i.last_release, resolved_in_next_release = f.n % 20 = 1
FROM seed_fp f WHERE f.issue_id = i.id AND f.n % 10 = 1 AND i.last_seen < now() - interval '2 days';
UPDATE error_issues i SET status = 'ignored'
FROM seed_fp f WHERE f.issue_id = i.id AND f.n % 25 = 3 AND i.status = 'open';
UPDATE error_issues i SET status = 'snoozed', snoozed_until = now() + (1 + f.n % 6) * interval '1 day'
FROM seed_fp f WHERE f.issue_id = i.id AND f.n % 33 = 5 AND i.status = 'open';
UPDATE error_issues i SET status = 'snoozed', snoozed_until_count = i.event_count + 100
FROM seed_fp f WHERE f.issue_id = i.id AND f.n % 33 = 16 AND i.status = 'open';
UPDATE error_issues i SET regressed_at = r.first_seen
FROM seed_fp f, error_issue_releases r
WHERE f.issue_id = i.id AND f.n % 17 = 2 AND i.status = 'open' AND i.last_seen > now() - interval '2 days'
  AND r.fingerprint = i.fingerprint AND r.release = i.last_release;

-- --- Checks: the counters agree with the rows ------------------------------------------------

DO $$
DECLARE wrong bigint;
BEGIN
  SELECT count(*) INTO wrong FROM error_issues i
  LEFT JOIN (SELECT issue_id, count(*) AS c, min(ts) AS f, max(ts) AS l FROM error_logs GROUP BY issue_id) a ON a.issue_id = i.id
  WHERE a.c IS DISTINCT FROM i.event_count OR a.f IS DISTINCT FROM i.first_seen OR a.l IS DISTINCT FROM i.last_seen;
  IF wrong > 0 THEN
    RAISE EXCEPTION '% issues disagree with their rows', wrong;
  END IF;
  SELECT count(*) INTO wrong FROM error_issues i
  JOIN (SELECT fingerprint, sum(event_count) AS c FROM error_issue_releases GROUP BY fingerprint) r ON r.fingerprint = i.fingerprint
  WHERE r.c <> i.event_count;
  IF wrong > 0 THEN
    RAISE EXCEPTION '% issues disagree with their releases', wrong;
  END IF;
  SELECT count(*) INTO wrong FROM error_issues i
  JOIN (SELECT fingerprint, sum(event_count) AS c FROM error_issue_hours GROUP BY fingerprint) h ON h.fingerprint = i.fingerprint
  WHERE h.c <> i.event_count;
  IF wrong > 0 THEN
    RAISE EXCEPTION '% issues disagree with their hours', wrong;
  END IF;
END $$;

COMMIT;

ANALYZE;

-- What was seeded, for the log.
SELECT (SELECT count(*) FROM error_logs) AS rows,
       (SELECT count(*) FROM error_issues) AS issues,
       (SELECT max(event_count) FROM error_issues) AS biggest,
       (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY event_count) FROM error_issues) AS median_issue,
       (SELECT count(*) FROM error_issues WHERE event_count <= 5) AS issues_up_to_5_rows,
       (SELECT count(*) FROM error_issue_users) AS user_pairs,
       (SELECT count(*) FROM error_issue_releases) AS release_pairs,
       (SELECT count(*) FROM error_issue_hours) AS hour_buckets,
       pg_size_pretty(pg_total_relation_size('error_logs')) AS error_logs_size;
SELECT releases_per_issue, count(*) AS issues
FROM (SELECT fingerprint, count(*) AS releases_per_issue FROM error_issue_releases GROUP BY fingerprint) r
GROUP BY releases_per_issue ORDER BY releases_per_issue;
SELECT service, level, code, count(*) AS issues, sum(event_count) AS rows
FROM error_issues GROUP BY service, level, code ORDER BY rows DESC;
SELECT status, count(*) AS issues FROM error_issues GROUP BY status ORDER BY status;
