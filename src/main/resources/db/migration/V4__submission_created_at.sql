-- The console counts and searches submissions by time.
create index submission_created_at on submission (created_at);
