-- The XTA MessageID of each answer the hub sends through an account with a ManagementPort: created once by the
-- XTA server (createMessageId), used again by every retry of the same answer.
create table xta_answer_message (
    answer_id      varchar(36)              not null primary key,
    account        varchar(100)             not null,
    xta_message_id varchar(1000)            not null,
    created_at     timestamp with time zone not null
);
