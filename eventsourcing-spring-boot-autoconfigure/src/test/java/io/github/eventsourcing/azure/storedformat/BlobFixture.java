package io.github.eventsourcing.azure.storedformat;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobType;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.AppendBlobCreateOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.specialized.AppendBlobClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blob storage as a fixture: {@code containers.jsonl} (each container with its metadata) and {@code blobs.jsonl},
 * one line per blob: {@code {"container":..,"name":..,"type":"AppendBlob","metadata":{..},"blocks":[{"text":..}]}}.
 * An append blob keeps its blocks as they were appended (the block count decides when a segment is full), since the
 * service does not say where one ended: {@link BlockLog} records them while the fixture is written. A block is kept
 * as text when it is UTF-8 (the record format is), otherwise as {@code {"base64":..}}. ETags and times are left out:
 * a restore cannot set them.
 */
final class BlobFixture {

    static final String CONTAINERS = "containers.jsonl";
    static final String BLOBS = "blobs.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BlobFixture() {
    }

    /** Records the size of every block appended through the client, per blob. */
    static final class BlockLog implements HttpPipelinePolicy {

        private final Map<String, List<Integer>> blockSizes = new ConcurrentHashMap<>();

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            URI url = URI.create(context.getHttpRequest().getUrl().toString());
            boolean appendBlock = url.getQuery() != null && url.getQuery().contains("comp=appendblock");
            String length = context.getHttpRequest().getHeaders().getValue("Content-Length");
            return next.process().doOnNext(response -> {
                if (appendBlock && response.getStatusCode() == 201) {
                    // path: /<account>/<container>/<blob name>
                    String path = url.getPath().substring(url.getPath().indexOf('/', 1) + 1);
                    blockSizes.computeIfAbsent(path, p -> new ArrayList<>()).add(Integer.parseInt(length));
                }
            });
        }

        List<Integer> sizesOf(String container, String blob) {
            return blockSizes.getOrDefault(container + "/" + blob, List.of());
        }
    }

    /** Dumps the containers whose names start with {@code containerNamePrefix}, and their blobs. */
    static void dump(BlobServiceClient service, String containerNamePrefix, BlockLog blocks, Path dir)
            throws IOException {
        List<String> containers = new ArrayList<>();
        List<String> blobs = new ArrayList<>();
        for (BlobContainerItem item : service.listBlobContainers(
                new ListBlobContainersOptions().setPrefix(containerNamePrefix)
                        .setDetails(new com.azure.storage.blob.models.BlobContainerListDetails().setRetrieveMetadata(true)),
                null)) {
            ObjectNode container = JSON.createObjectNode();
            container.put("container", item.getName());
            container.set("metadata", metadataJson(item.getMetadata()));
            containers.add(JSON.writeValueAsString(container));
            BlobContainerClient client = service.getBlobContainerClient(item.getName());
            for (BlobItem blob : client.listBlobs(new ListBlobsOptions()
                    .setDetails(new BlobListDetails().setRetrieveMetadata(true)), null)) {
                blobs.add(JSON.writeValueAsString(blobJson(client, blob, blocks)));
            }
        }
        Files.write(dir.resolve(CONTAINERS), containers);
        Files.write(dir.resolve(BLOBS), blobs);
    }

    private static ObjectNode blobJson(BlobContainerClient container, BlobItem blob, BlockLog log) {
        ObjectNode json = JSON.createObjectNode();
        json.put("container", container.getBlobContainerName());
        json.put("name", blob.getName());
        json.put("type", blob.getProperties().getBlobType().toString());
        json.set("metadata", metadataJson(blob.getMetadata()));
        byte[] content = container.getBlobClient(blob.getName()).downloadContent().toBytes();
        List<Integer> sizes = blob.getProperties().getBlobType() == BlobType.APPEND_BLOB
                ? log.sizesOf(container.getBlobContainerName(), blob.getName()) : List.of(content.length);
        ArrayNode blocks = json.putArray("blocks");
        int offset = 0;
        for (int size : sizes) {
            blocks.add(blockJson(Arrays.copyOfRange(content, offset, offset + size)));
            offset += size;
        }
        if (offset != content.length) {
            throw new IllegalStateException("The blocks recorded for " + blob.getName() + " add up to " + offset
                    + " bytes, the blob has " + content.length + ": was it written through the BlockLog's client?");
        }
        return json;
    }

    private static ObjectNode blockJson(byte[] bytes) {
        ObjectNode block = JSON.createObjectNode();
        try {
            block.put("text", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException notText) {
            block.put("base64", Base64.getEncoder().encodeToString(bytes));
        }
        return block;
    }

    /** Creates the containers and blobs of the fixture with their metadata, appending each block as it was. */
    static void restore(BlobServiceClient service, Path dir) throws IOException {
        for (String line : Files.readAllLines(dir.resolve(CONTAINERS))) {
            JsonNode json = JSON.readTree(line);
            service.getBlobContainerClient(json.get("container").asText())
                    .createWithResponse(metadataOf(json), null, null, null);
        }
        for (String line : Files.readAllLines(dir.resolve(BLOBS))) {
            JsonNode json = JSON.readTree(line);
            BlobContainerClient container = service.getBlobContainerClient(json.get("container").asText());
            String name = json.get("name").asText();
            List<byte[]> blocks = new ArrayList<>();
            json.get("blocks").forEach(block -> blocks.add(block.has("text")
                    ? block.get("text").asText().getBytes(StandardCharsets.UTF_8)
                    : Base64.getDecoder().decode(block.get("base64").asText())));
            if (BlobType.fromString(json.get("type").asText()) == BlobType.APPEND_BLOB) {
                AppendBlobClient blob = container.getBlobClient(name).getAppendBlobClient();
                blob.createWithResponse(new AppendBlobCreateOptions().setMetadata(metadataOf(json)), null, null);
                for (byte[] block : blocks) {
                    blob.appendBlock(new ByteArrayInputStream(block), block.length);
                }
            } else {
                container.getBlobClient(name).uploadWithResponse(new BlobParallelUploadOptions(
                        BinaryData.fromBytes(blocks.isEmpty() ? new byte[0] : blocks.get(0)))
                        .setMetadata(metadataOf(json)), null, null);
            }
        }
    }

    private static JsonNode metadataJson(Map<String, String> metadata) {
        return JSON.valueToTree(metadata == null ? Map.of() : new TreeMap<>(metadata));
    }

    private static Map<String, String> metadataOf(JsonNode json) {
        Map<String, String> metadata = new TreeMap<>();
        json.get("metadata").fields().forEachRemaining(entry -> metadata.put(entry.getKey(), entry.getValue().asText()));
        return metadata;
    }
}
