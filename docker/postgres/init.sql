-- One database per service (the architecture's rule: no service reads another's database).
CREATE DATABASE gov_party;
CREATE DATABASE gov_property;
CREATE DATABASE gov_autonomy;
CREATE DATABASE gov_resources;
CREATE DATABASE gov_tickets;
CREATE DATABASE gov_notifications;
