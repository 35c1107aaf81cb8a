using BreachNotify.Detections;
using BreachNotify.Parties;

namespace BreachNotify.Classification;

/// <summary>
/// Decides whether an incident's detections are a personal data breach, of which kind, and who is affected.
/// Pure: the directory and the rules are data given at construction.
/// </summary>
public sealed class Classifier(ProcessorDirectory directory, ClassificationRules rules)
{
    private readonly AssetResolver _resolver = new(directory);

    /// <summary>At most this many asset names are listed in a classification's rationale and unrecognised names.</summary>
    public const int MaxListed = 50;

    public Classification Classify(IReadOnlyList<NormalizedDetection> detections)
    {
        var rationale = new List<string>();
        var assets = new List<DataAsset>();
        var unrecognized = new List<string>();

        var unrecognizedCount = 0;
        var resolvedNames = 0;
        foreach (var reference in detections.SelectMany(d => d.AssetRefs).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (_resolver.Resolve(reference) is { } found)
            {
                if (!assets.Contains(found.Asset))
                {
                    assets.Add(found.Asset);
                }

                // The classification is stored with the incident: what it lists is bounded, whatever the detections name.
                if (++resolvedNames <= MaxListed)
                {
                    rationale.Add($"asset: {found.How}");
                }
            }
            else if (++unrecognizedCount <= MaxListed)
            {
                unrecognized.Add(reference);
            }
        }

        if (resolvedNames > MaxListed)
        {
            rationale.Add($"asset: {resolvedNames - MaxListed} more names of the assets above");
        }

        var reporter = detections.Select(d => d.ReportedBySubprocessor).FirstOrDefault(r => r is not null) is { } reporterId
            ? directory.Subprocessor(reporterId)
            : null;
        if (reporter is not null && assets.Count == 0)
        {
            // A sub-processor's report that names no asset concerns every asset it touches.
            foreach (var asset in directory.Assets.Where(a => reporter.Assets.Contains(a.Id)))
            {
                assets.Add(asset);
                rationale.Add($"asset: reported by sub-processor {reporter.Id}, which handles {asset.Id}");
            }
        }

        if (unrecognized.Count > 0)
        {
            rationale.Add($"unrecognised asset names: {string.Join(", ", unrecognized)}" + (unrecognizedCount > MaxListed ? $" and {unrecognizedCount - MaxListed} more" : ""));
        }

        var personalDataAssets = assets.Where(a => a.HoldsPersonalData).ToList();
        if (personalDataAssets.Count == 0)
        {
            if (assets.Count == 0)
            {
                rationale.Add("verdict: no asset of the directory recognised, so a commander must review");
                return new Classification { Verdict = Verdict.NeedsReview, Confidence = Confidence.Low, Rationale = rationale, UnrecognizedAssetRefs = unrecognized };
            }

            if (unrecognized.Count > 0)
            {
                rationale.Add("verdict: the recognised assets hold no personal data, but other assets are unknown, so a commander must review");
                return new Classification { Verdict = Verdict.NeedsReview, Confidence = Confidence.Low, Rationale = rationale, Assets = Ids(assets), UnrecognizedAssetRefs = unrecognized };
            }

            rationale.Add($"verdict: {string.Join(", ", assets.Select(a => a.Id))} hold no personal data of customers: a security incident without a personal data breach");
            return new Classification { Verdict = Verdict.NotPersonalDataBreach, Confidence = Confidence.High, Rationale = rationale, Assets = Ids(assets) };
        }

        var (breachTypes, matchedByCategory) = BreachTypes(detections, rationale);
        var customers = AffectedCustomers(personalDataAssets, detections, rationale);
        var subprocessors = directory.Subprocessors
            .Where(s => personalDataAssets.Any(a => s.Assets.Contains(a.Id) || (a.Service is not null && s.Services.Contains(a.Service))))
            .Select(s => s.Id)
            .ToList();
        foreach (var id in subprocessors)
        {
            rationale.Add($"sub-processor: {id} handles an affected asset or its service");
        }

        var dataCategories = personalDataAssets.SelectMany(a => a.DataCategories)
            .Concat(detections.SelectMany(d => d.DataCategories))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var reported = detections.Select(d => d.ApproxRecords).Where(r => r is not null).Max();
        var estimated = customers.Count * personalDataAssets.Max(a => a.ApproxRecordsPerCustomer ?? 0);
        var records = reported ?? (estimated > 0 ? estimated : null);

        Verdict verdict;
        Confidence confidence;
        if (breachTypes.Count == 0)
        {
            rationale.Add("verdict: personal data is involved, but no rule says what kind of breach this is, so a commander must review");
            verdict = Verdict.NeedsReview;
            confidence = Confidence.Low;
        }
        else if (customers.Count == 0)
        {
            rationale.Add("verdict: personal data assets are involved, but no customer is in their scope, so a commander must review");
            verdict = Verdict.NeedsReview;
            confidence = Confidence.Low;
        }
        else
        {
            verdict = Verdict.PersonalDataBreach;
            confidence = matchedByCategory && !detections.Any(d => d.SuspectedBreach == false) ? Confidence.High : Confidence.Medium;
            rationale.Add($"verdict: personal data breach ({string.Join(", ", breachTypes).ToLowerInvariant()}) on {string.Join(", ", Ids(personalDataAssets))}");
        }

        return new Classification
        {
            Verdict = verdict,
            BreachTypes = breachTypes,
            Confidence = confidence,
            Rationale = rationale,
            Assets = Ids(assets),
            UnrecognizedAssetRefs = unrecognized,
            AffectedCustomers = customers,
            AffectedSubprocessors = subprocessors,
            DataCategories = dataCategories,
            ApproxRecords = records,
        };
    }

    private (List<BreachType> Types, bool ByCategory) BreachTypes(IReadOnlyList<NormalizedDetection> detections, List<string> rationale)
    {
        var types = new List<BreachType>();
        var byCategory = false;
        var categories = detections.SelectMany(d => d.Categories).Select(c => c.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var titles = string.Join(" | ", detections.Select(d => d.Title)).ToLowerInvariant();
        foreach (var rule in rules.BreachTypeRules)
        {
            var category = rule.Categories.FirstOrDefault(categories.Contains);
            var phrase = category is null ? rule.TitleContains.FirstOrDefault(p => titles.Contains(p, StringComparison.OrdinalIgnoreCase)) : null;
            if (category is null && phrase is null)
            {
                continue;
            }

            byCategory |= category is not null;
            var evidence = category is not null ? $"category '{category}'" : $"title contains '{phrase}'";
            rationale.Add($"breach type: rule {rule.Id} ({evidence}) -> {string.Join(", ", rule.BreachTypes).ToLowerInvariant()}");
            types.AddRange(rule.BreachTypes.Where(t => !types.Contains(t)));
        }

        types.Sort();
        return (types, byCategory);
    }

    private List<string> AffectedCustomers(List<DataAsset> assets, IReadOnlyList<NormalizedDetection> detections, List<string> rationale)
    {
        var services = directory.Services.ToDictionary(s => s.Id);
        var inScope = new List<Customer>();
        foreach (var asset in assets)
        {
            var optInService = asset.Service is not null && services.TryGetValue(asset.Service, out var service) && service.OptIn ? service.Id : null;
            var customers = directory.Customers
                .Where(c => asset.CustomerScope.Includes(c) && (optInService is null || c.OptIns.Contains(optInService)))
                .ToList();
            rationale.Add($"customers: {asset.Id} holds data of {asset.CustomerScope}{(optInService is null ? "" : $" (opt-in service {optInService})")}: {Describe(customers)}");
            inScope.AddRange(customers.Where(c => !inScope.Contains(c)));
        }

        // Evidence naming a customer (a path segment, a label, a tenant field) narrows the scope to it.
        var named = inScope.Where(c => detections.Any(d => Names(d, c))).ToList();
        if (named.Count > 0 && named.Count < inScope.Count)
        {
            rationale.Add($"customers: the evidence names {Describe(named)}, narrowing from {Describe(inScope)}");
            inScope = named;
        }

        return [.. inScope.Select(c => c.Id).Order(StringComparer.Ordinal)];
    }

    private static bool Names(NormalizedDetection detection, Customer customer) =>
        detection.Evidence.Any(e => Tokens(e.Value).Contains(customer.Id, StringComparer.OrdinalIgnoreCase)
            || string.Equals(e.Value.Trim(), customer.Name, StringComparison.OrdinalIgnoreCase));

    private static string[] Tokens(string value) =>
        value.Split(['/', '\\', ':', '=', ' ', ',', ';', '?', '&', '.'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Describe(List<Customer> customers) =>
        customers.Count == 0 ? "none" : string.Join(", ", customers.Select(c => c.Id));

    private static List<string> Ids(IEnumerable<DataAsset> assets) => [.. assets.Select(a => a.Id)];
}
