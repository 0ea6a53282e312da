package io.tusk.server;

class ServerBackupRestorePg18Test extends ServerBackupRestoreTest {
    @Override
    int major() {
        return 18;
    }
}
