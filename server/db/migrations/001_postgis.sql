-- PostGIS is the engine of every spatial answer; on a server it may already exist (created by a superuser).
CREATE EXTENSION IF NOT EXISTS postgis;
