package dev.hookline.flows;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Call flows and their tracking numbers. Every statement is scoped by business. */
@RegisterConstructorMapper(FlowDao.FlowRow.class)
@RegisterConstructorMapper(FlowDao.NumberRow.class)
public interface FlowDao {

    record FlowRow(String id, String businessId, String name, boolean webhookEnabled, String webhookUrl, String firingMode,
                   String connector, String connectorSettings, String signingSecret, String steps, long createdAt, long updatedAt) {}

    record NumberRow(String callFlowId, String number) {}

    String COLUMNS = "id, business_id, name, webhook_enabled, webhook_url, firing_mode, connector, connector_settings, signing_secret, steps, created_at, updated_at";

    @SqlUpdate("INSERT INTO call_flows(" + COLUMNS + ") VALUES (:id, :businessId, :name, :webhookEnabled, :webhookUrl, :firingMode, "
            + ":connector, :connectorSettings, :signingSecret, :steps, :createdAt, :updatedAt)")
    void insert(@BindMethods FlowRow row);

    @SqlUpdate("UPDATE call_flows SET name = :name, webhook_enabled = :webhookEnabled, webhook_url = :webhookUrl, firing_mode = :firingMode, "
            + "connector = :connector, connector_settings = :connectorSettings, steps = :steps, updated_at = :updatedAt "
            + "WHERE id = :id AND business_id = :businessId")
    int update(@BindMethods FlowRow row);

    @SqlUpdate("DELETE FROM call_flows WHERE id = :id AND business_id = :businessId")
    int delete(@Bind("businessId") String businessId, @Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM call_flows WHERE id = :id AND business_id = :businessId")
    Optional<FlowRow> find(@Bind("businessId") String businessId, @Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM call_flows WHERE business_id = :businessId ORDER BY created_at, id")
    List<FlowRow> list(@Bind("businessId") String businessId);

    @SqlQuery("SELECT call_flow_id FROM tracking_numbers WHERE business_id = :businessId AND number = :number")
    Optional<String> flowIdForNumber(@Bind("businessId") String businessId, @Bind("number") String number);

    @SqlQuery("SELECT call_flow_id, number FROM tracking_numbers WHERE business_id = :businessId ORDER BY call_flow_id, position")
    List<NumberRow> numbers(@Bind("businessId") String businessId);

    @SqlQuery("SELECT number FROM tracking_numbers WHERE business_id = :businessId AND call_flow_id = :flowId ORDER BY position")
    List<String> numbersOf(@Bind("businessId") String businessId, @Bind("flowId") String flowId);

    @SqlUpdate("DELETE FROM tracking_numbers WHERE business_id = :businessId AND call_flow_id = :flowId")
    void clearNumbers(@Bind("businessId") String businessId, @Bind("flowId") String flowId);

    @SqlUpdate("INSERT INTO tracking_numbers(business_id, number, call_flow_id, position) VALUES (:businessId, :number, :flowId, :position)")
    void insertNumber(@Bind("businessId") String businessId, @Bind("number") String number, @Bind("flowId") String flowId, @Bind("position") int position);
}
