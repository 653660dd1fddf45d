using System.Reflection;
using Microsoft.Extensions.Options;

namespace Vybe.Web.Web;

/// <summary>
/// A setting whose key changed. The old key still works while the new one is unset; start-up logs a
/// warning for every old key in use, naming the new one (<see cref="MovedSettings.WarnAboutMovedSettings"/>).
/// </summary>
public sealed record MovedSetting(string OldKey, string NewKey)
{
    /// <summary>The environment variable of the new key, as an operator would set it.</summary>
    public string NewVariable => NewKey.Replace(":", "__", StringComparison.Ordinal);
}

public static class MovedSettings
{
    /// <summary>Every moved key of the app, for the start-up warning.</summary>
    public static IEnumerable<MovedSetting> All => RateLimitOptions.MovedKeys.Concat(ForwardedHeadersTrustOptions.MovedKeys);

    /// <summary>
    /// Binds the options to their section, then takes the value of each moved key whose new key is
    /// unset. Each new key must end with the name of the property it sets.
    /// </summary>
    public static OptionsBuilder<TOptions> BindConfigurationWithMovedKeys<TOptions>(this OptionsBuilder<TOptions> builder, string section,
        IReadOnlyList<MovedSetting> moved) where TOptions : class
    {
        var targets = moved.Select(move => (Move: move, Property: PropertyOf<TOptions>(move.NewKey))).ToList();
        return builder.BindConfiguration(section).Configure<IConfiguration>((options, configuration) =>
        {
            foreach (var (move, property) in targets)
            {
                var old = configuration.GetSection(move.OldKey);
                if (old.Exists() && !configuration.GetSection(move.NewKey).Exists())
                {
                    property.SetValue(options, old.Get(property.PropertyType));
                }
            }
        });
    }

    /// <summary>Logs a warning for each old key in use: with the new key's name and whether the old one is still read.</summary>
    public static void WarnAboutMovedSettings(IConfiguration configuration, ILogger logger)
    {
        foreach (var move in All.Where(move => configuration.GetSection(move.OldKey).Exists()))
        {
            if (configuration.GetSection(move.NewKey).Exists())
            {
                logger.LogWarning("The setting {OldKey} is ignored: it has moved to {NewKey}, which is set as well. Remove the old one.",
                    move.OldKey, move.NewKey);
            }
            else
            {
                logger.LogWarning("The setting {OldKey} has moved to {NewKey} (environment variable {NewVariable}). The old key still works for now; rename it.",
                    move.OldKey, move.NewKey, move.NewVariable);
            }
        }
    }

    private static PropertyInfo PropertyOf<TOptions>(string key)
    {
        var name = key[(key.LastIndexOf(':') + 1)..];
        return typeof(TOptions).GetProperty(name)
            ?? throw new InvalidOperationException($"{typeof(TOptions).Name} has no property {name} for the moved setting {key}.");
    }
}
