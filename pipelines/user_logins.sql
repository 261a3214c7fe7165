-- The target table of pipelines/user_logins*.yaml, exactly as SPEC §8 fixes it.
-- The pipelines do not create it (their sink has create_table off): apply this
-- once, e.g. psql "$PG_DSN" -f pipelines/user_logins.sql
CREATE TABLE IF NOT EXISTS user_logins(
  user_id varchar(128), device_type varchar(32), masked_ip varchar(256),
  masked_device_id varchar(256), locale varchar(32), app_version integer,
  create_date date);
