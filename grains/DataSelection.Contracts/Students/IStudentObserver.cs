namespace DataSelection.Contracts.Students;

/// <summary>One per gateway: receives pushes for the students connected to it.</summary>
public interface IStudentObserver : IGrainObserver
{
    [OneWay]
    Task OnStudentEvent(StudentEvent studentEvent);
}
