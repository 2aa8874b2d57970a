export { addWorkingDays, workingDaysBetween, isWorkingDay, addCalendarDays, cstDate, endOfCstDay, workingDeadline, workingDaysFromTo, isValidDate, EMPTY_CALENDAR } from './working-days.ts';
export type { WorkCalendar } from './working-days.ts';
export { loadWorkCalendar, invalidateWorkCalendar } from './calendar.service.ts';
export { calendarRoutes } from './calendar.routes.ts';
