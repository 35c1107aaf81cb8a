using BreachNotify.Detections.Formats;

namespace BreachNotify.Detections;

/// <summary>
/// Every supported format, in the order <see cref="DetectionParser"/> tries them. Each recognises itself by keys no
/// other format requires (OCSF class_uid, Sentinel properties, kibana.alert.*, Splunk sid+result, QRadar offense_source,
/// PagerDuty event_action, generic externalId+title), so the order only decides odd bodies that carry two shapes at once:
/// the most specific standard first, the product's own generic JSON last.
/// </summary>
public static class DetectionFormatCatalog
{
    public static IReadOnlyList<IDetectionFormat> All { get; } =
    [
        new OcsfFormat(),
        new SentinelFormat(),
        new ElasticFormat(),
        new SplunkFormat(),
        new QRadarFormat(),
        new PagerDutyFormat(),
        new GenericJsonFormat(),
    ];
}
