using System.Globalization;
using BreachNotify.Incidents;
using BreachNotify.Notices;
using BreachNotify.Parties;
using BreachNotify.Severity;

namespace BreachNotify.ControllerPacks;

/// <summary>Puts together one controller's pack from the incident as it stands. Pure: the directory is data given at construction.</summary>
public sealed class ControllerPackComposer(ProcessorDirectory directory)
{
    /// <summary>
    /// The pack for <paramref name="customerId"/>, or null when the incident does not affect it.
    /// Malicious intent is assumed (ENISA's higher circumstance) until a commander's override says otherwise.
    /// </summary>
    public ControllerPack? Compose(IncidentState incident, string customerId, DateTimeOffset? noticeSentAt, SeverityOverride? severityOverride)
    {
        var classification = incident.Classification;
        if (classification is null || !classification.AffectedCustomers.Contains(customerId, StringComparer.Ordinal)
            || directory.Customer(customerId) is not { } customer)
        {
            return null;
        }

        var edits = incident.NoticeEdits?.Customer;
        var derived = SeverityEstimator.Derive(classification, maliciousIntent: true);
        // Overrides are validated when a commander sets them; one that no longer validates is not used.
        var assessment = SeverityEstimator.Assess(derived, severityOverride).Assessment ?? SeverityEstimator.Score(derived, []);

        var assets = directory.Assets
            .Where(a => a.HoldsPersonalData && classification.Assets.Contains(a.Id, StringComparer.Ordinal) && a.CustomerScope.Includes(customer))
            .ToList();
        var (records, basis) = Records(assets, classification);
        var reporter = incident.Detections.FirstOrDefault(d => d.ReportedBySubprocessor is not null);

        return new ControllerPack
        {
            IncidentId = incident.Id,
            ProcessorName = directory.Processor.Name,
            ContactPoint = directory.Processor.ContactEmail ?? directory.Commanders.FirstOrDefault()?.Email ?? "",
            Controller = new PackController
            {
                Id = customer.Id,
                Name = customer.Name,
                Jurisdictions = customer.Jurisdictions,
                SupervisoryAuthority = customer.SupervisoryAuthority,
                Language = customer.Language ?? customer.Contacts.Select(c => c.Locale).FirstOrDefault(l => !string.IsNullOrEmpty(l)),
            },
            Nature = new PackNature
            {
                BreachTypes = classification.BreachTypes,
                Description = string.IsNullOrEmpty(edits?.Description) ? incident.Title : edits.Description,
                DataCategories = [.. assets.SelectMany(a => a.DataCategories).Concat(classification.DataCategories).Distinct(StringComparer.OrdinalIgnoreCase)],
                ApproxRecords = records,
                ApproxRecordsBasis = basis,
                Assets = [.. assets.Select(a => a.Id)],
            },
            LikelyConsequences = string.IsNullOrEmpty(edits?.Consequences) ? NoticeComposer.DefaultConsequences(classification, german: false) : edits.Consequences,
            Measures = string.IsNullOrEmpty(edits?.Measures) ? NoticeComposer.DefaultMeasures(german: false) : edits.Measures,
            Awareness = new AwarenessChain
            {
                ReportingSubprocessor = reporter?.ReportedBySubprocessor,
                SubprocessorAwareAt = reporter?.DetectedAt,
                ProcessorAwareAt = incident.AwareAt,
                ProcessorDue = incident.DueTimes.FirstOrDefault(d => d.RecipientId == customer.Id),
                NoticeSentAt = noticeSentAt,
                StatutoryClocks = [.. incident.StatutoryClocks.Where(c => c.CustomerId == customer.Id)],
            },
            Severity = assessment,
        };
    }

    private static (long? Records, string Basis) Records(List<DataAsset> assets, Classification.Classification classification)
    {
        var perCustomer = assets.Where(a => a.ApproxRecordsPerCustomer is not null).ToList();
        if (perCustomer.Count > 0)
        {
            return (perCustomer.Sum(a => a.ApproxRecordsPerCustomer!.Value),
                $"directory: records per customer on {string.Join(", ", perCustomer.Select(a => a.Id))}");
        }

        if (classification.ApproxRecords is { } total && classification.AffectedCustomers.Count == 1)
        {
            return (total, "the incident's figure: this controller is the only one affected");
        }

        return (null, classification.ApproxRecords is { } all
            ? $"not known per controller; the incident's figure for all {classification.AffectedCustomers.Count} affected controllers is {all.ToString(CultureInfo.InvariantCulture)}"
            : "not yet known");
    }
}
