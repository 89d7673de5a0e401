package io.github.eventsourcing.azure.storedformat;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.github.eventsourcing.azure.blob.internal.SmallSegments;
import io.github.eventsourcing.azure.spi.EventStore;
import io.github.eventsourcing.azure.table.internal.TableEventStore;
import io.github.eventsourcing.azure.test.Azurite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** A durable backend as the fixtures see it: its store on an Azurite, and its storage dumped to or restored from files. */
enum FixtureBackend {

    TABLE("table") {
        @Override
        EventStore store(Azurite azurite) {
            return new TableEventStore(tables(azurite), PREFIX);
        }

        @Override
        void dump(Azurite azurite, Path dir) throws IOException {
            TableFixture.dump(tables(azurite), PREFIX, dir);
        }

        @Override
        void dumpDeadLetters(Azurite azurite, Path dir) throws IOException {
            TableFixture.dump(tables(azurite), PREFIX + DEAD_LETTERS, dir);
        }

        @Override
        void restore(Azurite azurite, Path dir) throws IOException {
            TableFixture.restore(tables(azurite), dir);
        }

        @Override
        void markFutureFormat(Azurite azurite, String instanceKey) {
            TableServiceClient service = tables(azurite);
            service.listTables().stream().filter(table -> table.getName().startsWith(PREFIX)).forEach(table ->
                    service.getTableClient(table.getName()).updateEntity(new TableEntity(instanceKey, "E-0000000001")
                            .addProperty("FormatVersion", 99)));
        }
    },

    APPEND_BLOB("appendblob") {
        @Override
        EventStore store(Azurite azurite) {
            return SmallSegments.store(blobs(azurite).addPolicy(BLOCKS).buildClient(), PREFIX, BLOCKS_PER_SEGMENT);
        }

        @Override
        void dump(Azurite azurite, Path dir) throws IOException {
            BlobFixture.dump(blobs(azurite).buildClient(), PREFIX + "-", BLOCKS, dir); // the stream containers
        }

        @Override
        void dumpDeadLetters(Azurite azurite, Path dir) throws IOException {
            BlobFixture.dump(blobs(azurite).buildClient(), PREFIX + DEAD_LETTERS, BLOCKS, dir);
        }

        @Override
        void restore(Azurite azurite, Path dir) throws IOException {
            BlobFixture.restore(blobs(azurite).buildClient(), dir);
        }

        @Override
        void markFutureFormat(Azurite azurite, String instanceKey) {
            BlobServiceClient service = blobs(azurite).buildClient();
            service.listBlobContainers().stream().filter(container -> container.getName().startsWith(PREFIX))
                    .forEach(container -> {
                        BlobClient segment = service.getBlobContainerClient(container.getName())
                                .getBlobClient("streams/" + instanceKey + "/00000000");
                        Map<String, String> metadata = new HashMap<>(segment.getProperties().getMetadata());
                        metadata.put("format", "ndjson-99");
                        segment.setMetadata(metadata);
                    });
        }
    };

    /** The table and container prefix of the fixtures. */
    static final String PREFIX = "fixture";

    /** What the dead letters' table and container names add to the prefix. */
    private static final String DEAD_LETTERS = "deadletters";

    /** Small, so that a fixture stream of a few appends spans two segments; readers must use the same. */
    static final int BLOCKS_PER_SEGMENT = 3;

    private static final BlobFixture.BlockLog BLOCKS = new BlobFixture.BlockLog();

    /** The fixture's folder of this backend within a version's folder. */
    final String folder;

    FixtureBackend(String folder) {
        this.folder = folder;
    }

    static FixtureBackend ofFolder(String folder) {
        return Arrays.stream(values()).filter(backend -> backend.folder.equals(folder.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No backend keeps its fixture in '" + folder + "'"));
    }

    abstract EventStore store(Azurite azurite);

    abstract void dump(Azurite azurite, Path dir) throws IOException;

    abstract void restore(Azurite azurite, Path dir) throws IOException;

    /** Dumps the dead letters only (restored by {@link #restore}). */
    abstract void dumpDeadLetters(Azurite azurite, Path dir) throws IOException;

    /** Changes the stored format version of the first rows or segment of a stream to one no version knows yet. */
    abstract void markFutureFormat(Azurite azurite, String instanceKey);

    private static TableServiceClient tables(Azurite azurite) {
        return new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
    }

    private static BlobServiceClientBuilder blobs(Azurite azurite) {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString());
    }
}
