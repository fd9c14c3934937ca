package org.wangge.notify;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wangge.EmbeddedDatabase;

/** The notification webhook on the embedded H2GIS default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class WebhookEmbeddedIT extends WebhookContract {

  static final WebhookReceiver RECEIVER = new WebhookReceiver();

  @DynamicPropertySource
  static void webhooks(DynamicPropertyRegistry registry) {
    configure(registry, RECEIVER);
  }

  @Override
  WebhookReceiver receiver() {
    return RECEIVER;
  }
}
