using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Incidents;

/// <summary>Generated from the annotations on <see cref="CommanderOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class CommanderOptionsValidator : IValidateOptions<CommanderOptions>;
