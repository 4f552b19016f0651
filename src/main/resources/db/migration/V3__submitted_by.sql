-- The client that submitted: a portal reads only its own submissions.
alter table submission add column submitted_by varchar(100);
