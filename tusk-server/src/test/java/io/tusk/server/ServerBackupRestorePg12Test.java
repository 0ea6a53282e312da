package io.tusk.server;

class ServerBackupRestorePg12Test extends ServerBackupRestoreTest {
    @Override
    int major() {
        return 12;
    }
}
