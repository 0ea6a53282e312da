-- notification channels belong to a workspace too (issue 8): its admins configure them, its databases use them
ALTER TABLE notifiers ADD COLUMN workspace_id BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE notifiers ADD CONSTRAINT notifiers_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id);
