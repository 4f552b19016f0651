-- The content of a submission as received, kept for operators for amtsbote.tracking.payload-retention after its
-- acceptance (personal data: the hourly housekeeping deletes it afterwards). Dead letters keep their own copy.
create table submission_payload (
    tracking_id varchar(36)              not null primary key,
    payload     bytea                    not null,
    kept_at     timestamp with time zone not null
);
create index submission_payload_kept_at on submission_payload (kept_at);
