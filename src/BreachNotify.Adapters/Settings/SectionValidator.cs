using Microsoft.Extensions.Options;

namespace BreachNotify.Adapters.Settings;

/// <summary>
/// A generated validator's failures ("Member: problem") prefixed with the options' section, so each line names the
/// configuration key itself ("SendGrid:From: required, an email address"), whether read at start or by the options system.
/// </summary>
internal sealed class SectionValidator<TOptions>(string section, IValidateOptions<TOptions> validator) : IValidateOptions<TOptions>
    where TOptions : class
{
    public static IEnumerable<string> Problems(string section, IValidateOptions<TOptions> validator, TOptions options) =>
        new SectionValidator<TOptions>(section, validator).Validate(Options.DefaultName, options) is { Failed: true } result
            ? result.Failures ?? [result.FailureMessage]
            : [];

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = validator.Validate(name, options);
        return result.Failed ? ValidateOptionsResult.Fail((result.Failures ?? [result.FailureMessage]).Select(f => $"{section}:{f}")) : result;
    }
}
