package io.github.eventsourcing.azure.benchmark;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.AppendBlobItem;
import com.azure.storage.blob.models.AppendBlobRequestConditions;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.specialized.AppendBlobClient;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eventsourcing.azure.benchmark.BenchCase.Bar;
import io.github.eventsourcing.azure.benchmark.BenchEvents.Balance;
import io.github.eventsourcing.azure.benchmark.BenchEvents.MoneyDeposited;
import io.github.eventsourcing.azure.blob.internal.AppendBlobEventStore;
import io.github.eventsourcing.azure.projection.ProjectionResult;
import io.github.eventsourcing.azure.stream.AppendOptions;
import io.github.eventsourcing.azure.stream.EventStream;
import io.github.eventsourcing.azure.stream.StreamId;
import io.github.eventsourcing.azure.stream.WriteContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.github.eventsourcing.azure.benchmark.BenchEvents.deposit;
import static io.github.eventsourcing.azure.benchmark.BenchEvents.requireFold;

/**
 * The AppendBlob backend's cases. Each side has its own client, built once; the raw sides write blobs of their own
 * containers, except that the raw read reads the very blob the library wrote.
 */
final class BlobCases {

    /** The size of the backend's ranged reads, which the raw read uses too. */
    static final int CHUNK_BYTES = 4 * 1024 * 1024;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final RoundTrips libraryTrips = new RoundTrips();
    private final RoundTrips rawTrips = new RoundTrips();
    private final RoundTrips minimalTrips = new RoundTrips();
    private final BlobServiceClient rawClient;
    private final BlobServiceClient minimalClient;
    private final AppendBlobEventStore store;
    private final Library library;
    private final PrintStream progress;
    /** The raw sides' JSON: a plain Jackson mapper, as an application using the SDK directly would have. */
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    BlobCases(BenchClients clients, PrintStream progress) {
        this.progress = progress;
        store = new AppendBlobEventStore(clients.blob(libraryTrips), "bench");
        library = new Library(store);
        rawClient = clients.blob(rawTrips);
        minimalClient = clients.blob(minimalTrips);
    }

    private StreamId stream(String name, String key) {
        return StreamId.of("Bench" + name + run, "Account", key);
    }

    private BlobContainerClient rawContainer(BlobServiceClient client, String name) {
        BlobContainerClient container = client.getBlobContainerClient("bench-" + name + "-" + run);
        container.createIfNotExists();
        return container;
    }

    private byte[] json(Object event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An append blob a raw side appends to, remembering its ETag and length as the backend does. */
    private static final class RawStream {
        final AppendBlobClient blob;
        String eTag;
        long length;
        long version;

        RawStream(BlobContainerClient container, String name) {
            blob = container.getBlobClient(name).getAppendBlobClient();
            eTag = blob.create().getETag();
        }

        /** Append Block, if the blob is exactly as last seen (ETag and position), with an MD5 of the content. */
        void append(byte[] block, int events) {
            AppendBlobItem item = blob.appendBlockWithResponse(new ByteArrayInputStream(block), block.length,
                    RawBlobRecords.md5(block), new AppendBlobRequestConditions().setIfMatch(eTag)
                            .setAppendPosition(length), null, Context.NONE).getValue();
            eTag = item.getETag();
            length += block.length;
            version += events;
        }
    }

    // ---- append one event -------------------------------------------------------------------------------------

    BenchCase appendKnownVersion(int operationsPerRound) {
        return appendOne("blob-append-known", "append 1 event, version known (AppendBlob)", true, operationsPerRound);
    }

    BenchCase appendUnknownVersion(int operationsPerRound) {
        return appendOne("blob-append-unknown", "append 1 event, version unknown (AppendBlob)", false,
                operationsPerRound);
    }

    private BenchCase appendOne(String id, String title, boolean versionKnown, int operationsPerRound) {
        String name = versionKnown ? "known" : "unknown";
        EventStream stream = library.streams.stream(stream("Append" + name, "a-1"));
        long[] libraryVersion = {0};
        Side librarySide = Side.of(Side.LIBRARY, libraryTrips, () -> {
            AppendOptions options = versionKnown ? AppendOptions.expectingVersion(libraryVersion[0]) : AppendOptions.DEFAULT;
            libraryVersion[0] = stream.append(deposit(libraryVersion[0] + 1), options).lastSequence();
        });

        RawStream raw = new RawStream(rawContainer(rawClient, "append" + name), "streams/a-1/00000000");
        Side rawSide = Side.of(Side.RAW, rawTrips, () -> {
            long sequence = raw.version + 1;
            byte[] block = RawBlobRecords.block(List.of(json(deposit(sequence))), List.of(UUID.randomUUID().toString()),
                    sequence, now(), RawBlobRecords.commitId());
            raw.append(block, 1);
        });

        AppendBlobClient minimal = rawContainer(minimalClient, "append" + name + "min").getBlobClient("a-1")
                .getAppendBlobClient();
        minimal.create();
        long[] minimalVersion = {0};
        Side minimalSide = Side.of(Side.MINIMAL, minimalTrips, () -> {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            line.writeBytes(json(deposit(++minimalVersion[0])));
            line.write('\n');
            minimal.appendBlock(new ByteArrayInputStream(line.toByteArray()), line.size());
        });

        List<String> work = List.of(
                "library: stream.append(event" + (versionKnown ? ", expectingVersion(v))" : ")") + ": one Append "
                        + "Block of one JSON line (seq, id, commit id, name, schema, time, data), If-Match the known "
                        + "ETag and at the known append position, with an MD5 of the block"
                        + (versionKnown ? "" : " (the process knows the stream, so it needs no read first)"),
                "raw, same blocks: the same line built with a Jackson generator, the same conditional Append Block "
                        + "with MD5",
                "raw, minimal: Append Block of the event's JSON line alone, no conditions, no MD5");
        return new BenchCase(id, title, work, List.of(librarySide, rawSide, minimalSide), operationsPerRound, 1, false,
                versionKnown ? Bar.of(0.9, 1) : Bar.of(0.9, 2));
    }

    // ---- project a stream ---------------------------------------------------------------------------------------

    /** One stored line as a raw reader binds it. */
    record Line(long seq, String id, String name, String at, MoneyDeposited data) {
    }

    BenchCase project(int events, int operationsPerRound) {
        StreamId id = stream("Project", "p-1");
        List<Object> batch = new ArrayList<>(events);
        long expectedCents = 0;
        for (int i = 1; i <= events; i++) {
            batch.add(deposit(i));
            expectedCents += deposit(i).amountCents();
        }
        long started = System.nanoTime();
        library.streams.stream(id).appendNonAtomically(batch, WriteContext.EMPTY);
        progress.printf("  built a %,d-event stream in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
        long cents = expectedCents;

        Side librarySide = Side.of(Side.LIBRARY, libraryTrips, () -> {
            ProjectionResult<Balance> balance = library.projections.project(id, Balance.class);
            requireFold(balance.state().deposits, balance.state().cents, events, cents);
        });

        // The raw read goes to the very blob the library wrote, through its own client.
        AppendBlobClient raw = rawClient.getBlobContainerClient(store.containerNameFor(id.type()))
                .getBlobClient("streams/p-1/00000000").getAppendBlobClient();
        Side rawSide = Side.of(Side.RAW, rawTrips, () -> foldLines(raw, true, events, cents));

        AppendBlobClient minimal = rawContainer(minimalClient, "projectmin").getBlobClient("p-1").getAppendBlobClient();
        minimal.create();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (int i = 1; i <= events; i++) {
            lines.writeBytes(json(deposit(i)));
            lines.write('\n');
        }
        byte[] all = lines.toByteArray();
        for (int from = 0; from < all.length; from += CHUNK_BYTES) {
            int length = Math.min(CHUNK_BYTES, all.length - from);
            minimal.appendBlock(new ByteArrayInputStream(all, from, length), length);
        }
        Side minimalSide = Side.of(Side.MINIMAL, minimalTrips, () -> foldLines(minimal, false, events, cents));

        List<String> work = List.of(
                "library: projections.project(stream, Balance.class): ranged reads of up to 4 MiB of the stream's "
                        + "blob, each line decoded, each event deserialized and handed to the projection's handler",
                "raw, same blocks: the same ranged reads of the same blob, each line bound by Jackson (envelope and "
                        + "event), the balance added up by hand",
                "raw, minimal: ranged reads of a blob holding only the events' JSON lines, parsed and added up");
        return new BenchCase("blob-project", "project a " + String.format("%,d", events) + "-event stream (AppendBlob)",
                work, List.of(librarySide, rawSide, minimalSide), operationsPerRound, events, false, Bar.ratio(0.8));
    }

    /** Reads a blob in ranged chunks, splits it into lines and folds them, as an application without the library. */
    private void foldLines(AppendBlobClient blob, boolean enveloped, int events, long expectedCents)
            throws IOException {
        long cents = 0;
        long deposits = 0;
        long offset = 0;
        byte[] carry = new byte[0];
        while (true) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            blob.downloadStreamWithResponse(out, new BlobRange(offset, (long) CHUNK_BYTES), null, null, false, null,
                    Context.NONE);
            byte[] chunk = out.toByteArray();
            byte[] buffer = new byte[carry.length + chunk.length];
            System.arraycopy(carry, 0, buffer, 0, carry.length);
            System.arraycopy(chunk, 0, buffer, carry.length, chunk.length);
            int start = 0;
            for (int i = 0; i < buffer.length; i++) {
                if (buffer[i] == '\n') {
                    MoneyDeposited event = enveloped ? json.readValue(buffer, start, i - start, Line.class).data()
                            : json.readValue(buffer, start, i - start, MoneyDeposited.class);
                    cents += event.amountCents();
                    deposits++;
                    start = i + 1;
                }
            }
            carry = Arrays.copyOfRange(buffer, start, buffer.length);
            offset += chunk.length;
            if (chunk.length < CHUNK_BYTES) {
                break;
            }
        }
        requireFold(deposits, cents, events, expectedCents);
    }
}
