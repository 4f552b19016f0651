-- The documents beside a message in a box (JSON: dokumentid, file name, size, SHA-256, as the message declares
-- them): their bytes stay in the attachment store until the specialist system closes the message.
alter table message_box add column documents text;
