namespace BreachNotify.Classification;

public enum Verdict
{
    /// <summary>Personal data of customers is affected: notices are drafted for approval.</summary>
    PersonalDataBreach,

    /// <summary>A security incident without customers' personal data: recorded in the register, no notices.</summary>
    NotPersonalDataBreach,

    /// <summary>The evidence does not settle it: a commander decides. Never silently "no breach".</summary>
    NeedsReview,
}
