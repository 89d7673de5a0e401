package io.github.eventsourcing.azure.test.eventgrid;

import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.credential.AzureSasCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.models.CloudEvent;
import com.azure.core.util.BinaryData;
import com.azure.messaging.eventgrid.EventGridPublisherClient;
import com.azure.messaging.eventgrid.EventGridPublisherClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import java.time.Duration;
import javax.net.ssl.SSLException;

/** Real SDK clients pointed at an {@link EventGridStub}, with test-short retries. */
public final class EventGridClients {

    public static final String KEY = "test-topic-key";
    public static final String SAS = "r=https%3a%2f%2ftopic&e=12%2f31%2f2099&s=signature";

    private EventGridClients() {
    }

    public static EventGridPublisherClientBuilder sas(EventGridStub stub) {
        return new EventGridPublisherClientBuilder().endpoint(stub.endpoint())
                .credential(new AzureSasCredential(SAS))
                .retryOptions(new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(10))));
    }

    /** Key credentials over HTTPS, trusting the stub's self-signed certificate. */
    public static EventGridPublisherClientBuilder key(EventGridStub stub, EventGridStub.SelfSignedCertificate certificate) {
        return new EventGridPublisherClientBuilder().endpoint(stub.endpoint())
                .credential(new AzureKeyCredential(KEY))
                .httpClient(trusting(certificate))
                .retryOptions(new RetryOptions(new FixedDelayOptions(1, Duration.ofMillis(10))));
    }

    public static EventGridPublisherClient<BinaryData> eventGridSas(EventGridStub stub) {
        return sas(stub).buildCustomEventPublisherClient();
    }

    public static EventGridPublisherClient<CloudEvent> cloudEventsSas(EventGridStub stub) {
        return sas(stub).buildCloudEventPublisherClient();
    }

    public static HttpClient trusting(EventGridStub.SelfSignedCertificate certificate) {
        try {
            SslContext tls = SslContextBuilder.forClient().trustManager(certificate.certificate()).build();
            return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(tls))).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
