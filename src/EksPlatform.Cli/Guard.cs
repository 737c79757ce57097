using EksPlatform.Settings;

namespace EksPlatform.Cli;

/// <summary>Maps failures to exit codes: invalid settings 2 (every problem listed), anything else 1.</summary>
internal static class Guard
{
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InvalidSettingsException e)
        {
            Console.Error.WriteLine($"Invalid settings in {e.SettingsSource}:");
            foreach (var issue in e.Issues)
            {
                Console.Error.WriteLine($"  {issue}");
            }

            Console.Error.WriteLine("Nothing was written.");
            return ExitCodes.InvalidSettings;
        }
#pragma warning disable CA1031 // The command line's last line of defence: report, never crash with a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    public static void PrintWarnings(LoadedSettings loaded)
    {
        foreach (var warning in loaded.Warnings)
        {
            Console.Error.WriteLine(warning);
        }
    }
}
