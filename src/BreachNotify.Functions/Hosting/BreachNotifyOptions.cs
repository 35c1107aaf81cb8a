using System.Text.RegularExpressions;
using BreachNotify.Functions.Acknowledgements;
using BreachNotify.Functions.CommanderConsole;
using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Incidents;
using BreachNotify.Functions.Ingest;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// The app's options, each bound to its section and checked at start by its generated validator. The same registration
/// serves <see cref="StartupSettings.Read"/>, which reports every failure as one line before the app is built.
/// </summary>
public static partial class BreachNotifyOptions
{
    public static IServiceCollection AddBreachNotifyOptions(this IServiceCollection services)
    {
        services.AddSection<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddSection<SendGridOptions, SendGridOptionsValidator>(SendGridOptions.Section);
        services.AddSection<WorkflowOptions, WorkflowOptionsValidator>(WorkflowOptions.Section);
        services.AddSingleton<IValidateOptions<WorkflowOptions>, SendLeaseValidator>();
        services.AddSection<IngestOptions, IngestOptionsValidator>(IngestOptions.Section);
        services.AddSection<AcknowledgementOptions, AcknowledgementOptionsValidator>(AcknowledgementOptions.Section);
        services.AddSection<CommanderOptions, CommanderOptionsValidator>(CommanderOptions.Section);
        services.AddSection<FrontEndOptions, FrontEndOptionsValidator>(FrontEndOptions.Section);
        services.AddSection<ConsoleOptions, ConsoleOptionsValidator>(ConsoleOptions.Section);
        services.AddSection<SubjectLookupOptions, SubjectLookupOptionsValidator>(SubjectLookupOptions.Section);
        // Sources are keyed by name; StartupSettings checks each (its lines name the source).
        services.AddOptions<Dictionary<string, SourceOptions>>().BindConfiguration("Sources");
        return services;
    }

    /// <summary>
    /// Every problem the options' validators find in <paramref name="configuration"/>, one line each, through the
    /// registration above (a value that does not convert to its type is one line too).
    /// </summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        using var provider = new ServiceCollection().AddSingleton(configuration).AddBreachNotifyOptions().BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception e) when (Problems(e) is { } problems)
        {
            return problems;
        }
    }

    /// <summary>The lines of a failed options validation (as thrown when the host starts), or null for any other exception.</summary>
    public static IReadOnlyList<string>? Problems(Exception exception) => exception switch
    {
        OptionsValidationException failed => [.. failed.Failures],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        InvalidOperationException { InnerException: FormatException or ArgumentException or OverflowException } conversion => [Unconverted(conversion.Message)],
        _ => null,
    };

    /// <summary>The binder's message names the key, the type and the value; the line keeps the key and the type only (a value may be a secret).</summary>
    private static string Unconverted(string message) => UnconvertedValue().Match(message) is { Success: true } match
        ? $"{match.Groups["key"].Value}: not a valid {match.Groups["type"].Value}"
        : "a setting's value does not convert to its type";

    [GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex UnconvertedValue();

    private static void AddSection<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section, new TValidator()));
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
