-- What the demo's pipeline run left in PostgreSQL (psql script; run by scripts/demo.sh).
\pset footer off
\pset null '(null)'
\echo
SELECT
  (SELECT count(*) FROM user_logins)                     AS "rows loaded",
  (SELECT count(*) FROM user_logins_rejects)             AS "rows rejected",
  (SELECT count(DISTINCT masked_device_id) FROM user_logins) AS "distinct masked device ids",
  (SELECT count(*) FROM (SELECT masked_device_id FROM user_logins
                         GROUP BY 1 HAVING count(*) > 1) AS repeated) AS "devices seen more than once",
  (SELECT count(*) FROM user_logins WHERE locale IS NULL) AS "rows without locale";

\echo 'Rejected messages (user_logins_rejects):'
SELECT step, reason, message_id, left(body, 60) AS "body (start)"
FROM user_logins_rejects ORDER BY time, message_id;

\echo 'A device that logged in more than once keeps one masked id:'
SELECT user_id, device_type, left(masked_device_id, 20) || '...' AS masked_device_id,
       left(masked_ip, 20) || '...' AS masked_ip, locale, app_version, create_date
FROM user_logins
WHERE masked_device_id = (SELECT masked_device_id FROM user_logins GROUP BY 1
                          ORDER BY count(*) DESC, 1 LIMIT 1);

\echo 'A few rows of user_logins:'
SELECT user_id, device_type, left(masked_ip, 20) || '...' AS masked_ip,
       left(masked_device_id, 20) || '...' AS masked_device_id, locale, app_version, create_date
FROM user_logins ORDER BY user_id LIMIT 5;
