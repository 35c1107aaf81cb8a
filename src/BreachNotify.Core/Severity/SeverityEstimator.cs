using BreachNotify.Classification;
using BreachNotify.Detections;

namespace BreachNotify.Severity;

/// <summary>
/// Estimates a breach's severity by the ENISA (2013) method from what the classification knows, and lets a commander
/// override each input. Pure; the defaults are written down here so a controller can see why a score is what it is.
/// </summary>
public static class SeverityEstimator
{
    // Keywords in a data category that name ENISA's data types, most severe first (a category matching several takes the first).
    private static readonly (DataType Type, string[] Keywords)[] TypeKeywords =
    [
        (DataType.Sensitive, ["health", "medical", "biometric", "genetic", "religio", "political", "sexual", "ethnic", "racial", "trade union", "trade-union", "criminal", "conviction"]),
        (DataType.Financial, ["financial", "payment", "card", "bank", "iban", "salary", "income", "credit", "tax"]),
        (DataType.Behavioural, ["behavio", "location", "traffic", "habit", "preference", "browsing", "profil", "performance", "evaluation", "prompt"]),
    ];

    // Categories that identify a person directly, without research.
    private static readonly string[] DirectIdentifiers = ["name", "contact", "email", "e-mail", "passport", "national id", "identity", "phone", "address", "user id", "account"];

    /// <summary>The inputs the classification implies: the most severe data type named, direct identifiers, and the breach types.</summary>
    public static SeverityInputs Derive(Classification.Classification classification, bool maliciousIntent)
    {
        var categories = classification.DataCategories.Select(c => c.ToLowerInvariant()).ToList();
        var type = DataType.Simple;
        foreach (var (candidate, keywords) in TypeKeywords)
        {
            if (categories.Any(c => keywords.Any(c.Contains)))
            {
                type = candidate;
                break;
            }
        }

        var types = classification.BreachTypes;
        return new SeverityInputs
        {
            DataType = type,
            DataProcessingContext = (int)type,
            EaseOfIdentification = categories.Any(c => DirectIdentifiers.Any(c.Contains)) ? EaseOfIdentification.Maximum : EaseOfIdentification.Significant,
            // Who received the data is rarely known at first; ENISA's higher circumstance holds until the commander knows better.
            Confidentiality = types.Contains(BreachType.Confidentiality) ? ConfidentialityLoss.UnknownRecipients : ConfidentialityLoss.None,
            Integrity = types.Contains(BreachType.Integrity) ? IntegrityLoss.AlteredRecoverable : IntegrityLoss.None,
            Availability = types.Contains(BreachType.Availability) ? AvailabilityLoss.Temporary : AvailabilityLoss.None,
            MaliciousIntent = maliciousIntent,
        };
    }

    /// <summary>The derived inputs with a commander's overrides applied, or the fields that are out of range.</summary>
    public static (SeverityAssessment? Assessment, IReadOnlyList<FieldError> Errors) Assess(SeverityInputs derived, SeverityOverride? given)
    {
        if (given is null)
        {
            return (Score(derived, []), []);
        }

        var errors = new List<FieldError>();
        if (given.DataProcessingContext is { } dpc && (dpc < SeverityInputs.MinContext || dpc > SeverityInputs.MaxContext))
        {
            errors.Add(new FieldError("severity.dataProcessingContext", $"must be between {SeverityInputs.MinContext} and {SeverityInputs.MaxContext}"));
        }

        Check(given.DataType, "severity.dataType", errors);
        Check(given.EaseOfIdentification, "severity.easeOfIdentification", errors);
        Check(given.Confidentiality, "severity.confidentiality", errors);
        Check(given.Integrity, "severity.integrity", errors);
        Check(given.Availability, "severity.availability", errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var overridden = new List<string>();
        var type = Pick(given.DataType, derived.DataType, "dataType", overridden);
        var inputs = new SeverityInputs
        {
            DataType = type,
            // A new data type without an explicit context moves the context to that type's preliminary score.
            DataProcessingContext = Pick(given.DataProcessingContext, given.DataType is null ? derived.DataProcessingContext : (int)type, "dataProcessingContext", overridden),
            EaseOfIdentification = Pick(given.EaseOfIdentification, derived.EaseOfIdentification, "easeOfIdentification", overridden),
            Confidentiality = Pick(given.Confidentiality, derived.Confidentiality, "confidentiality", overridden),
            Integrity = Pick(given.Integrity, derived.Integrity, "integrity", overridden),
            Availability = Pick(given.Availability, derived.Availability, "availability", overridden),
            MaliciousIntent = Pick(given.MaliciousIntent, derived.MaliciousIntent, "maliciousIntent", overridden),
        };
        return (Score(inputs, overridden), []);
    }

    /// <summary>SE = DPC x EI + CB, and its band.</summary>
    public static SeverityAssessment Score(SeverityInputs inputs, IReadOnlyList<string> overridden)
    {
        var ease = inputs.EaseOfIdentification switch
        {
            EaseOfIdentification.Negligible => 0.25m,
            EaseOfIdentification.Limited => 0.5m,
            EaseOfIdentification.Significant => 0.75m,
            EaseOfIdentification.Maximum => 1m,
            _ => throw new ArgumentOutOfRangeException(nameof(inputs), inputs.EaseOfIdentification, "unknown ease of identification"),
        };
        var circumstances = Step((int)inputs.Confidentiality) + Step((int)inputs.Integrity) + Step((int)inputs.Availability)
            + (inputs.MaliciousIntent ? 0.5m : 0m);
        var score = (inputs.DataProcessingContext * ease) + circumstances;
        return new SeverityAssessment
        {
            Inputs = inputs,
            EaseScore = ease,
            CircumstancesScore = circumstances,
            Score = score,
            Band = Band(score),
            Overridden = overridden,
        };
    }

    public static SeverityBand Band(decimal score) => score switch
    {
        < 2m => SeverityBand.Low,
        < 3m => SeverityBand.Medium,
        < 4m => SeverityBand.High,
        _ => SeverityBand.VeryHigh,
    };

    // Each loss enum's cases are ENISA's steps of 0, 0.25 and 0.5.
    private static decimal Step(int level) => level * 0.25m;

    private static void Check<T>(T? value, string field, List<FieldError> errors)
        where T : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            errors.Add(new FieldError(field, $"must be one of {string.Join(", ", Enum.GetNames<T>())}"));
        }
    }

    private static T Pick<T>(T? given, T derived, string name, List<string> overridden)
        where T : struct
    {
        if (given is { } value)
        {
            overridden.Add(name);
            return value;
        }

        return derived;
    }
}
