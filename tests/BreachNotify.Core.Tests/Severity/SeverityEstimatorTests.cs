using BreachNotify.Classification;
using BreachNotify.Severity;

namespace BreachNotify.Tests.Severity;

// Expected scores are worked out by hand from the ENISA (2013) tables, not by the estimator.
public sealed class SeverityEstimatorTests
{
    private static SeverityInputs Inputs(DataType type, decimal dpc, EaseOfIdentification ease,
        ConfidentialityLoss c = ConfidentialityLoss.None, IntegrityLoss i = IntegrityLoss.None, AvailabilityLoss a = AvailabilityLoss.None, bool malicious = false) =>
        new() { DataType = type, DataProcessingContext = dpc, EaseOfIdentification = ease, Confidentiality = c, Integrity = i, Availability = a, MaliciousIntent = malicious };

    [Fact]
    public void Contact_details_sent_to_unknown_recipients_score_one_and_a_half_low()
    {
        // 1 x 1 + 0.5 = 1.5
        var result = SeverityEstimator.Score(Inputs(DataType.Simple, 1m, EaseOfIdentification.Maximum, ConfidentialityLoss.UnknownRecipients), []);

        Assert.Equal(1.5m, result.Score);
        Assert.Equal(SeverityBand.Low, result.Band);
    }

    [Fact]
    public void Health_data_stolen_maliciously_with_direct_identifiers_is_very_high()
    {
        // 4 x 1 + 0.5 + 0.5 = 5
        var result = SeverityEstimator.Score(Inputs(DataType.Sensitive, 4m, EaseOfIdentification.Maximum, ConfidentialityLoss.UnknownRecipients, malicious: true), []);

        Assert.Equal(5m, result.Score);
        Assert.Equal(SeverityBand.VeryHigh, result.Band);
        Assert.Equal(1m, result.CircumstancesScore);
    }

    [Fact]
    public void Financial_data_hard_to_identify_encrypted_out_of_reach_is_medium()
    {
        // 3 x 0.5 + 0.25 (integrity, recoverable) + 0.25 (availability, temporary) = 2.0
        var result = SeverityEstimator.Score(Inputs(DataType.Financial, 3m, EaseOfIdentification.Limited, i: IntegrityLoss.AlteredRecoverable, a: AvailabilityLoss.Temporary), []);

        Assert.Equal(2.0m, result.Score);
        Assert.Equal(SeverityBand.Medium, result.Band);
    }

    [Theory]
    [InlineData("1.99", SeverityBand.Low)]
    [InlineData("2", SeverityBand.Medium)]
    [InlineData("2.99", SeverityBand.Medium)]
    [InlineData("3", SeverityBand.High)]
    [InlineData("3.99", SeverityBand.High)]
    [InlineData("4", SeverityBand.VeryHigh)]
    public void Bands_change_exactly_at_two_three_and_four(string score, SeverityBand band) =>
        Assert.Equal(band, SeverityEstimator.Band(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Derived_inputs_take_the_most_severe_data_type_and_direct_identifiers()
    {
        var classification = new BreachNotify.Classification.Classification
        {
            Verdict = Verdict.PersonalDataBreach,
            BreachTypes = [BreachType.Confidentiality],
            DataCategories = ["contact details", "Health records", "payment card"],
        };

        var derived = SeverityEstimator.Derive(classification, maliciousIntent: true);

        Assert.Equal(DataType.Sensitive, derived.DataType);
        Assert.Equal(4m, derived.DataProcessingContext);
        Assert.Equal(EaseOfIdentification.Maximum, derived.EaseOfIdentification);
        Assert.Equal(ConfidentialityLoss.UnknownRecipients, derived.Confidentiality);
        Assert.Equal(IntegrityLoss.None, derived.Integrity);
        Assert.Equal(AvailabilityLoss.None, derived.Availability);
        Assert.True(derived.MaliciousIntent);
    }

    [Fact]
    public void Categories_naming_nobody_directly_give_significant_identification_of_simple_data()
    {
        var classification = new BreachNotify.Classification.Classification
        {
            Verdict = Verdict.PersonalDataBreach,
            BreachTypes = [BreachType.Availability],
            DataCategories = ["shift schedules"],
        };

        var derived = SeverityEstimator.Derive(classification, maliciousIntent: false);

        Assert.Equal(DataType.Simple, derived.DataType);
        Assert.Equal(EaseOfIdentification.Significant, derived.EaseOfIdentification);
        Assert.Equal(AvailabilityLoss.Temporary, derived.Availability);
    }

    [Fact]
    public void A_commander_override_replaces_only_the_inputs_given_and_names_them()
    {
        var derived = Inputs(DataType.Simple, 1m, EaseOfIdentification.Maximum, ConfidentialityLoss.UnknownRecipients);

        var (assessment, errors) = SeverityEstimator.Assess(derived, new SeverityOverride { Confidentiality = ConfidentialityLoss.KnownRecipients, DataType = DataType.Financial });

        Assert.Empty(errors);
        Assert.NotNull(assessment);
        // New type without an explicit context moves the context to the type's score: 3 x 1 + 0.25 = 3.25
        Assert.Equal(3.25m, assessment.Score);
        Assert.Equal(SeverityBand.High, assessment.Band);
        Assert.Equal(["dataType", "confidentiality"], assessment.Overridden);
    }

    [Fact]
    public void An_adjusted_context_outside_one_to_four_is_refused_naming_the_field()
    {
        var derived = Inputs(DataType.Simple, 1m, EaseOfIdentification.Maximum);

        var (assessment, errors) = SeverityEstimator.Assess(derived, new SeverityOverride { DataProcessingContext = 4.5m, Integrity = (IntegrityLoss)7 });

        Assert.Null(assessment);
        Assert.Equal(["severity.dataProcessingContext", "severity.integrity"], errors.Select(e => e.Field));
    }
}
