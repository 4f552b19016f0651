-- Submissions fetched from an XTA message box: whose they are (the XTA author), so that their answers go back to
-- the author through the same account.
create table xta_origin (
    tracking_id       varchar(36)              not null primary key,
    account           varchar(100)             not null,
    xta_message_id    varchar(1000),
    author            varchar(1000)            not null,
    service           varchar(1000),
    business_scenario varchar(1000),
    recorded_at       timestamp with time zone not null
);
