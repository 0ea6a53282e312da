package io.tusk.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierFactoryTest {
    private final NotifierFactory factory = new NotifierFactory();

    @Test
    void shouldFindEveryBuiltInChannelThroughTheServiceLoader() {
        assertThat(factory.channelTypes()).containsExactly(
                "discord", "email", "gotify", "ntfy", "slack", "teams", "telegram", "webhook");
    }

    @Test
    void shouldSayWhatToSetForAnIncompleteSlackChannel() {
        assertThatThrownBy(() -> factory.create("slack", Map.of("botToken", "xoxb-1")))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessage("slack: webhookUrl or botToken+channel is required");
    }

    @Test
    void shouldNotEchoASecretUrlThatIsInvalid() {
        assertThatThrownBy(() -> factory.create("discord", Map.of("webhookUrl", "discord.com/api/webhooks/1/s3cr3t")))
                .isInstanceOf(NotifierConfigException.class)
                .hasMessage("discord: webhookUrl must be an http:// or https:// URL");
    }

    @Test
    void shouldRefuseATelegramTokenThatCouldChangeThePath() {
        assertThatThrownBy(() -> factory.create("telegram", Map.of("botToken", "123:abc/../x", "chatId", "1")))
                .hasMessage("telegram: botToken must look like 123456789:AA... (as @BotFather gives it)");
        assertThatThrownBy(() -> factory.create("telegram", Map.of("botToken", "123:abc", "chatId", "1",
                "topicId", "general")))
                .hasMessage("telegram: topicId must be a whole number from 1 to 2147483647 but is: 'general'");
    }

    @Test
    void shouldNameTheKnownTypesForAnUnknownOne() {
        assertThatThrownBy(() -> factory.create("pager", Map.of()))
                .hasMessage("unknown notification channel type 'pager'; known: discord, email, gotify, ntfy, slack,"
                        + " teams, telegram, webhook");
    }

    @Test
    void shouldListTheSecretKeysOfEachChannel() {
        assertThat(factory.secretKeys("slack")).containsExactlyInAnyOrder("webhookUrl", "botToken");
        assertThat(factory.secretKeys("discord")).containsExactly("webhookUrl");
        assertThat(factory.secretKeys("teams")).containsExactly("webhookUrl");
        assertThat(factory.secretKeys("telegram")).containsExactly("botToken");
        assertThat(factory.secretKeys("ntfy")).containsExactly("token");
        assertThat(factory.secretKeys("gotify")).containsExactly("appToken");
        assertThat(factory.isSecret("webhook", "header.Authorization")).isTrue();
        assertThat(factory.isSecret("slack", "channel")).isFalse();
    }

    @Test
    void shouldDescribeTheDestinationWithoutSecrets() {
        Notifier slack = factory.create("slack", Map.of("webhookUrl", "https://hooks.slack.com/services/T/B/s3cr3t"));
        Notifier telegram = factory.create("telegram", Map.of("botToken", "123:s3cr3t", "chatId", "-100",
                "topicId", "5"));

        assertThat(slack.destination()).isEqualTo("webhook at hooks.slack.com");
        assertThat(telegram.destination()).isEqualTo("chat -100 topic 5 via api.telegram.org");
    }
}
