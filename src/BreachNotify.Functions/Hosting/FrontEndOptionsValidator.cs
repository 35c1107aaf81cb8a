using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Hosting;

/// <summary>Generated from the annotations on <see cref="FrontEndOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class FrontEndOptionsValidator : IValidateOptions<FrontEndOptions>;
