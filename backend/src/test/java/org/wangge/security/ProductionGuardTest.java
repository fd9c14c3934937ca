package org.wangge.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prod profile's refusal to start with anything meant for a laptop. */
class ProductionGuardTest {

  private static final String REAL_KEY = "q2Jx1bPp0i1m1fQ0s7uZb3yO1dD8y0n0w9kq3m5r6sA=";

  private static SecurityProperties properties(String receiptKey) {
    return new SecurityProperties(null, null, null, receiptKey, null, null);
  }

  private static UserAccountRepository users(UserAccount... demoUsers) {
    UserAccountRepository users = mock(UserAccountRepository.class);
    when(users.findEnabledDemoUsers()).thenReturn(List.of(demoUsers));
    return users;
  }

  @Test
  void demoKeysDemoUsersAndTheDemoCityAreEachRefusedByName() {
    var demoUser = new UserAccount("operator-city", "x", "hash", Role.OPERATOR, "3605", null, null, true, Instant.now());
    var guard =
        new ProductionGuard(users(demoUser), properties(null), new PersonalDataCipher(PersonalDataCipher.DEMO_KEY), true);
    assertThatThrownBy(guard::afterSingletonsInstantiated)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("WANGGE_DEMO_LOAD=false")
        .hasMessageContaining("[operator-city]")
        .hasMessageContaining("WANGGE_DATA_KEY")
        .hasMessageContaining("WANGGE_RECEIPT_KEY");
  }

  @Test
  void realSecretsAndNoDemoUsersStart() {
    var guard =
        new ProductionGuard(
            users(), properties("a-real-receipt-key-of-at-least-32-characters"), new PersonalDataCipher(REAL_KEY), false);
    assertThatCode(guard::afterSingletonsInstantiated).doesNotThrowAnyException();
  }

  @Test
  void oneDemoPasswordLeftIsEnoughToRefuse() {
    var demoUser = new UserAccount("member-grid1", "x", "hash", Role.GRID_MEMBER, "360502001001001", null, null, true, Instant.now());
    var guard =
        new ProductionGuard(
            users(demoUser), properties("a-real-receipt-key-of-at-least-32-characters"), new PersonalDataCipher(REAL_KEY), false);
    assertThatThrownBy(guard::afterSingletonsInstantiated).hasMessageContaining("member-grid1").hasMessageNotContaining("WANGGE_DATA_KEY");
  }
}
