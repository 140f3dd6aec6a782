package dev.vigil.collectors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collectors.events.EventStore;
import dev.vigil.collectors.grants.GrantUse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One agent's grants against their use, as its dashboard page reads them, against real
 * databases: a use is what AC-3 counts (an allowed decision, a covered action), an action
 * outside every grant what AC-6 fails on, each within its window and its tenant.
 */
abstract class GrantUseContract extends MonitoringFixture {

  static final Duration DAY = Duration.ofDays(1);

  @Test
  void eachGrantsLastAndRecentUsesAndTheActionsOutsideEveryGrantStayInTheirWindows() {
    Instant start = clock.instant();
    String export = grant("crm:export");
    clock.advance(DAY.multipliedBy(40));
    String read = grant("crm:read");
    String idle = grant("crm:write");
    clock.advance(DAY.multipliedBy(10));
    Instant now = clock.instant();
    act("crm:export", start.plus(DAY.multipliedBy(5)));
    act("crm:admin", now.minus(DAY.multipliedBy(40)));
    act("crm:read", now.minusSeconds(120));
    act("crm:read", now.minusSeconds(60));
    assertThat(decisions.authorize(tenant, ADMIN, agent, connection, "crm:read", "acct/1").decision().allowed())
        .isTrue();
    act("crm:delete", now.minus(DAY.multipliedBy(2)));
    act("crm:purge", now.minus(DAY));
    act("crm:delete", now.minusSeconds(30));

    GrantUse use = new GrantUse(jdbi);
    Map<String, GrantUse.Use> uses = use.ofGrants(tenant, agent, List.of(export, read, idle),
        now.minus(DAY.multipliedBy(60)), now.minus(DAY.multipliedBy(30)));
    assertThat(uses).containsOnlyKeys(export, read);
    assertThat(uses.get(read)).isEqualTo(new GrantUse.Use(read, 3, now));
    assertThat(uses.get(export)).as("used 45 days ago: in the look-back, not among the recent uses")
        .isEqualTo(new GrantUse.Use(export, 0, start.plus(DAY.multipliedBy(5))));
    assertThat(use.ofGrants(tenant, agent, List.of(export), now.minus(DAY.multipliedBy(30)), now)).isEmpty();

    GrantUse.Outside outside = use.outside(tenant, agent, now.minus(DAY.multipliedBy(30)), 1);
    assertThat(outside.count()).as("crm:admin, 40 days ago, is outside the window").isEqualTo(3);
    assertThat(outside.latest()).containsExactly(
        new GrantUse.OutsideGroup(connection, "crm:delete", 2, now.minusSeconds(30)));
    assertThat(outside.more()).isTrue();
    assertThat(outside.lastAt()).isEqualTo(now.minusSeconds(30));
    assertThat(use.outside(tenant, agent, now.minus(DAY.multipliedBy(30)), 2).more()).isFalse();

    String other = stores.tenants().create("Other " + System.nanoTime(), ADMIN).tenant().id();
    assertThat(use.ofGrants(other, agent, List.of(export, read), Instant.EPOCH, Instant.EPOCH)).isEmpty();
    assertThat(use.outside(other, agent, Instant.EPOCH, 10)).isEqualTo(new GrantUse.Outside(0, List.of(), false));
  }

  private void act(String action, Instant at) {
    events.ingest(tenant, ADMIN, null, List.of(new EventStore.NewEvent(agent, connection, action, "acct/1",
        "success", at, null, null)));
  }
}
