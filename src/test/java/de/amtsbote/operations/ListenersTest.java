package de.amtsbote.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Every listener hears each outcome, a failing one does not keep the others from it, and they are looked up once. */
class ListenersTest {

    private final List<String> heard = new ArrayList<>();

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("failing", (Runnable) () -> {
            throw new IllegalStateException("metrics down");
        });
        beans.addBean("recording", (Runnable) () -> heard.add("told"));
        Listeners<Runnable> listeners = new Listeners<>(beans.getBeanProvider(Runnable.class), "Test outcome");

        listeners.tell(Runnable::run);
        listeners.tell(Runnable::run);

        assertThat(heard).containsExactly("told", "told");
    }

    @Test
    void theListenersAreTheOnesKnownWhenFirstTold() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("first", (Runnable) () -> heard.add("first"));
        Listeners<Runnable> listeners = new Listeners<>(beans.getBeanProvider(Runnable.class), "Test outcome");

        listeners.tell(Runnable::run);
        beans.addBean("later", (Runnable) () -> heard.add("later"));
        listeners.tell(Runnable::run);

        assertThat(heard).containsExactly("first", "first");
    }
}
