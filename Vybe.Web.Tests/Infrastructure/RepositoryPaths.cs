namespace Vybe.Web.Tests.Infrastructure;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, as this test assembly was built.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string WebAppDll => Path.Combine(Root, "Vybe.Web", "bin", Configuration, "net10.0", "Vybe.Web.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vybe.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No Vybe.sln above {AppContext.BaseDirectory}");
    }
}
