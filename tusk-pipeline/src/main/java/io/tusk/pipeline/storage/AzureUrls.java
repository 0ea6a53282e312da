package io.tusk.pipeline.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.tusk.TuskException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code azure://ACCOUNT/CONTAINER/PREFIX}: the Blob service at {@code https://ACCOUNT.blob.core.windows.net}
 * unless {@code endpoint=URL} (Azurite: {@code http://127.0.0.1:10000/devstoreaccount1}). Credentials, first found
 * wins: {@code accountKey} or {@code sasToken} (query, {@code ...File=PATH}), {@code AZURE_STORAGE_KEY},
 * {@code AZURE_STORAGE_SAS_TOKEN}, or a connection string in {@code AZURE_STORAGE_CONNECTION_STRING} (or
 * {@code connectionStringFile=PATH}). {@code blockSize=BYTES} sets the block size (8 MiB).
 */
final class AzureUrls {
    static final String KEY_ENV = "AZURE_STORAGE_KEY";
    static final String SAS_ENV = "AZURE_STORAGE_SAS_TOKEN";
    static final String CONNECTION_STRING_ENV = "AZURE_STORAGE_CONNECTION_STRING";
    private static final Set<String> PARAMETERS = Set.of("endpoint", "blockSize");
    private static final Set<String> SECRETS = Set.of("accountKey", "sasToken", "connectionString");

    private AzureUrls() {
    }

    static Storage open(URI uri, Function<String, String> environment) {
        StorageUrl url = new StorageUrl(uri, "Azure", PARAMETERS, SECRETS, environment);
        String account = uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
        int slash = path.indexOf('/');
        String containerName = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        if (account == null || account.isEmpty() || containerName.isEmpty()) {
            throw new TuskException("Azure storage URL \"" + StorageUrls.redact(uri.toString())
                    + "\" needs an account and a container: expected azure://ACCOUNT/CONTAINER/PREFIX");
        }
        int blockSize = url.intParam("blockSize", AzureBlobStorage.DEFAULT_BLOCK_SIZE);
        if (blockSize < 1 || blockSize > AzureBlobStorage.MAX_BLOCK_SIZE) {
            throw new TuskException("Azure blockSize " + blockSize + " is out of range: a block has 1 to " + AzureBlobStorage.MAX_BLOCK_SIZE + " bytes");
        }
        String endpoint = url.param("endpoint", "https://" + account + ".blob.core.windows.net");
        BlobContainerClientBuilder builder = new BlobContainerClientBuilder().containerName(containerName)
                // the SDK's retry policy, shaped like Retry: 1 + 3 tries, waits from 200 ms doubling up to 2 s
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, Retry.DEFAULT_RETRIES + 1,
                        Duration.ofMinutes(2), Retry.DEFAULT_FIRST_DELAY, Duration.ofSeconds(2), null));
        String key = url.secret("accountKey", KEY_ENV);
        String sas = key == null ? url.secret("sasToken", SAS_ENV) : null;
        String connectionString = key == null && sas == null ? url.secret("connectionString", CONNECTION_STRING_ENV) : null;
        if (key != null) {
            builder.endpoint(endpoint).credential(new StorageSharedKeyCredential(account, key));
        } else if (sas != null) {
            builder.endpoint(endpoint).sasToken(sas);
        } else if (connectionString != null) {
            builder.connectionString(connectionString);
            if (url.param("endpoint") != null) {
                builder.endpoint(endpoint);
            }
        } else {
            throw new TuskException("Azure storage URL gives no credentials for account " + account
                    + ": add accountKey=... or sasToken=... to the URL, or set " + KEY_ENV + ", " + SAS_ENV + " or " + CONNECTION_STRING_ENV);
        }
        BlobContainerClient container;
        try {
            container = builder.buildClient();
        } catch (IllegalArgumentException e) {
            throw new TuskException("Azure storage URL \"" + StorageUrls.redact(uri.toString()) + "\" is not usable: "
                    + e.getMessage() + "; check the endpoint, the account key (base64) or the connection string", e);
        }
        String location = "azure://" + account + "/" + containerName + "/" + prefix
                + (url.param("endpoint") != null ? " at " + endpoint : "");
        return new AzureBlobStorage(container, prefix, location, blockSize);
    }
}
